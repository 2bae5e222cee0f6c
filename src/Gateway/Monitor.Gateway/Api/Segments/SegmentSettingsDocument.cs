using System.ComponentModel.DataAnnotations;
using Monitor.Grains.Segments;

namespace Monitor.Gateway.Api.Segments;

/// <summary>
/// The body of PUT .../segments, read by the strict reader: <c>keys</c> required (<c>[]</c> for none), <c>top_k</c>
/// optional (20), unknown and repeated fields refused. The version checks the keys' names and the bounds.
/// </summary>
public sealed record SegmentSettingsDocument : IValidatableObject
{
    public const int MaxBytes = 64 * 1024;

    // Elements may be null as read (the reader does not check an array's elements): Validate names the one that is.
    public required IReadOnlyList<string?> Keys { get; init; }

    public int? TopK { get; init; }

    public SegmentSettings ToSettings() => new() { Keys = [.. Keys.Select(k => k!)], TopK = TopK ?? SegmentSettings.None.TopK };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (Keys[i] is null)
            {
                yield return new ValidationResult("must be a feature or tag name, not null", [$"keys[{i}]"]);
            }
        }
    }
}
