using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>/v1/alerts/silences: create, list and expire silences.</summary>
public static class SilenceEndpoints
{
    public static IEndpointRouteBuilder MapSilenceEndpoints(this IEndpointRouteBuilder app)
    {
        var silences = app.MapGroup("/v1/alerts/silences").WithTags("Silences");
        silences.MapGet("/", List)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Every silence: pending, active and recently expired")
            .Produces<SilenceList>();
        silences.MapPost("/", Create)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Creates a silence: matchers (=, !=, =~, !~), starts_at (default now), ends_at or duration, created_by, comment")
            .WithDescription("Regular expressions run on a bounded, non-backtracking engine: a pattern too large for it (such as `((a{100}){100}){100}`) or longer than 1,000 characters is refused 400 naming the matcher. "
                + "A silence may last at most `Monitor:Alerting:MaxSilenceDuration` (default 365 days; 400 past it), and at most `Monitor:Alerting:MaxActiveSilences` (default 1,000) may be pending or active at once (409 past it).")
            .Accepts<SilenceDocument>("application/json")
            .Produces<SilenceView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        silences.MapDelete("/{id}", Expire)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Expires a silence now and answers it")
            .Produces<SilenceView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List(IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var set = await grains.GetGrain<ISilencesGrain>(0).GetSilences();
        return TypedResults.Ok(new SilenceList([.. set.Silences.Select(s => SilenceView.From(s, now))]));
    }

    private static async Task<IResult> Create(HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var (document, problem) = await StrictJson.ReadAsync<SilenceDocument>(context);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var (silence, refused) = document!.ToSilence(now);
        if (refused is not null)
        {
            return Problems.Field(refused);
        }

        var created = await grains.GetGrain<ISilencesGrain>(0).TryCreate(silence!);
        return created.Silence is { } stored
            ? TypedResults.Created($"/v1/alerts/silences/{stored.Id}", SilenceView.From(stored, now))
            : Problems.Field(created.Problem!, created.AtCapacity ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
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

    public sealed record SilenceView(
        string Id,
        IReadOnlyList<MatcherDocument> Matchers,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        string CreatedBy,
        string Comment,
        string State,
        DateTimeOffset UpdatedAt)
    {
        public static SilenceView From(Silence s, DateTimeOffset now) =>
            new(s.Id, [.. s.Matchers.Select(MatcherDocument.From)], s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment, s.State(now), s.UpdatedAt);
    }
}
