using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Monitor.Gateway.Api.Documents;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>The body of POST /v1/alerts/silences: matchers, starts_at (default now), ends_at or duration, created_by, comment.</summary>
public sealed record SilenceDocument : IValidatableObject
{
    public required IReadOnlyList<MatcherDocument> Matchers { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? Duration { get; init; }
    [Required, StringLength(200)] public required string CreatedBy { get; init; }
    [Required, StringLength(2000)] public required string Comment { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Matchers.Count == 0)
        {
            yield return new("needs at least one matcher", [nameof(Matchers)]);
        }
        else if (Matchers.All(m => m.ToMatcher().Matches(LabelSet.Empty)))
        {
            yield return new("would match every alert (each matcher matches an empty label); narrow it", [nameof(Matchers)]);
        }
        else if (EndsAt is null && Duration is null)
        {
            yield return new("give ends_at or duration", [nameof(EndsAt)]);
        }
    }

    /// <summary>The silence from <paramref name="now"/> on, or the time at fault.</summary>
    public (Silence? Silence, FieldProblem? Problem) ToSilence(DateTimeOffset now)
    {
        var startsAt = StartsAt ?? now;
        var end = EndsAt ?? startsAt;
        if (EndsAt is null && Duration is { } span)
        {
            // starts_at + duration can pass year 9999, which a date-time cannot hold.
            if (span > DateTimeOffset.MaxValue - startsAt)
            {
                return (null, new("duration", "starts_at plus duration falls after year 9999; give a shorter duration"));
            }

            end = startsAt + span;
        }

        if (end <= startsAt)
        {
            return (null, new("ends_at", "must be after starts_at"));
        }

        if (end <= now)
        {
            return (null, new("ends_at", "is in the past"));
        }

        return (new Silence
        {
            Id = "",
            Matchers = [.. Matchers.Select(m => m.ToMatcher())],
            StartsAt = startsAt,
            EndsAt = end,
            CreatedBy = CreatedBy,
            Comment = Comment,
        }, null);
    }
}
