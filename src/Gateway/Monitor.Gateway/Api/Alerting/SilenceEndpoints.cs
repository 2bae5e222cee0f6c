using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>/v1/alerts/silences: create, list and expire silences.</summary>
public static class SilenceEndpoints
{
    public static IEndpointRouteBuilder MapSilenceEndpoints(this IEndpointRouteBuilder app)
    {
        var silences = app.MapGroup("/v1/alerts/silences").WithTags("Silences");
        silences.MapGet("/", List)
            .WithSummary("Every silence: pending, active and recently expired")
            .Produces<SilenceList>();
        silences.MapPost("/", Create)
            .WithSummary("Creates a silence: matchers (=, !=, =~, !~), starts_at (default now), ends_at or duration, created_by, comment")
            .WithDescription("Regular expressions run on a bounded, non-backtracking engine: a pattern too large for it (such as `((a{100}){100}){100}`) or longer than 1,000 characters is refused 400 naming the matcher. "
                + "A silence may last at most `Monitor:Alerting:MaxSilenceDuration` (default 365 days; 400 past it), and at most `Monitor:Alerting:MaxActiveSilences` (default 1,000) may be pending or active at once (409 past it).")
            .Accepts<SilenceView>("application/json")
            .Produces<SilenceView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        silences.MapDelete("/{id}", Expire)
            .WithSummary("Expires a silence now and answers it")
            .Produces<SilenceView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static LabelMatcher? ReadMatcher(FieldReader r)
    {
        var name = r.String("name", required: true, maxLength: 100);
        var op = r.String("op", maxLength: 2);
        var value = r.String("value", required: false, maxLength: 1000) ?? "";
        r.RefuseUnknown();
        var parsed = MatchOperator.Equal;
        if (op is not null && !LabelMatcher.TryParseOperator(op, out parsed))
        {
            r.Fail("op", "must be one of = != =~ !~");
        }

        if (r.Problem is not null)
        {
            return null;
        }

        var matcher = new LabelMatcher(name!, parsed, value);
        if (!AlertRuleValidator.IsName(name))
        {
            r.Fail("name", "must be a label name");
        }
        else if (matcher.PatternError() is { } error)
        {
            r.Fail("value", error);
        }

        return matcher;
    }

    private static async Task<IResult> List(IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var set = await grains.GetGrain<ISilencesGrain>(0).GetSilences();
        return TypedResults.Ok(new SilenceList([.. set.Silences.Select(s => SilenceView.From(s, now))]));
    }

    private static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var (document, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var r = new FieldReader(document!.RootElement);
            var now = time.GetUtcNow();
            var matchers = r.Objects("matchers", ReadMatcher, required: true);
            var startsAt = r.Time("starts_at") ?? now;
            var endsAt = r.Time("ends_at");
            var duration = r.Duration("duration");
            var createdBy = r.String("created_by", required: true, maxLength: 200);
            var comment = r.String("comment", required: true, maxLength: 2000);
            r.RefuseUnknown();
            if (r.Problem is null && matchers!.Length == 0)
            {
                r.Fail("matchers", "needs at least one matcher");
            }

            if (r.Problem is null && matchers!.All(m => m.Matches(Grains.Alerting.LabelSet.Empty)))
            {
                r.Fail("matchers", "would match every alert (each matcher matches an empty label); narrow it");
            }

            if (r.Problem is null && endsAt is null && duration is null)
            {
                r.Fail("ends_at", "give ends_at or duration");
            }

            // starts_at + duration can pass year 9999, which a date-time cannot hold.
            var end = endsAt ?? startsAt;
            if (r.Problem is null && endsAt is null && duration is { } span)
            {
                if (span > DateTimeOffset.MaxValue - startsAt)
                {
                    r.Fail("duration", "starts_at plus duration falls after year 9999; give a shorter duration");
                }
                else
                {
                    end = startsAt + span;
                }
            }

            if (r.Problem is null && end <= startsAt)
            {
                r.Fail("ends_at", "must be after starts_at");
            }

            if (r.Problem is null && end <= now)
            {
                r.Fail("ends_at", "is in the past");
            }

            if (r.Problem is { } refused)
            {
                return JsonBody.Refused(refused);
            }

            var created = await grains.GetGrain<ISilencesGrain>(0).TryCreate(new Silence
            {
                Id = "",
                Matchers = matchers!,
                StartsAt = startsAt,
                EndsAt = end,
                CreatedBy = createdBy!,
                Comment = comment!,
            });
            if (created.Silence is not { } silence)
            {
                return JsonBody.Refused(created.Problem!, created.AtCapacity ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
            }

            return TypedResults.Created($"/v1/alerts/silences/{silence.Id}", SilenceView.From(silence, now));
        }
    }

    private static async Task<IResult> Expire(string id, IGrainFactory grains, TimeProvider time)
    {
        var silences = grains.GetGrain<ISilencesGrain>(0);
        if (!await silences.Expire(id))
        {
            return Problems.Field("id", $"no silence '{Problems.Shown(id)}'", StatusCodes.Status404NotFound);
        }

        var expired = Array.Find((await silences.GetSilences()).Silences, s => s.Id == id)!;
        return TypedResults.Ok(SilenceView.From(expired, time.GetUtcNow()));
    }

    public sealed record SilenceList(IReadOnlyList<SilenceView> Silences);

    public sealed record MatcherView(string Name, string Op, string Value)
    {
        public static MatcherView From(LabelMatcher m) => new(m.Name, m.Symbol, m.Value);
    }

    public sealed record SilenceView(
        string Id,
        IReadOnlyList<MatcherView> Matchers,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        string CreatedBy,
        string Comment,
        string State,
        DateTimeOffset UpdatedAt)
    {
        public static SilenceView From(Silence s, DateTimeOffset now) =>
            new(s.Id, [.. s.Matchers.Select(MatcherView.From)], s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment, s.State(now), s.UpdatedAt);
    }
}
