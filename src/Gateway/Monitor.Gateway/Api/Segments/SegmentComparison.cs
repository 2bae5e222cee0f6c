using Monitor.Grains;
using Monitor.Grains.Models;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api.Segments;

/// <summary><c>?segment=</c> on the compare endpoint: the versions compared restricted to one segment, which each must track.</summary>
public static class SegmentComparison
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/> (both checked to exist), or the champion with each challenger when both are null.</summary>
    public static async Task<IResult> CompareAsync(IGrainFactory grains, string model, string? a, string? b, int minutes, SegmentName segment)
    {
        var grain = grains.GetGrain<IModelGrain>(model);
        IReadOnlyList<string> compared;
        if (a is not null && b is not null)
        {
            compared = [a, b];
        }
        else if (await grain.GetChampion() is { } champion)
        {
            compared = [champion, .. (await grain.GetVersions()).Where(v => v != champion)];
        }
        else
        {
            return Problems.Field("a", $"model '{model}' has no champion: name two versions (?a=...&b=...) or set one with PUT /v1/models/{model}/champion", StatusCodes.Status409Conflict);
        }

        foreach (var version in compared)
        {
            if (await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).CheckSegment(segment) is { } unknown)
            {
                return Problems.Field(unknown.Field, $"version '{version}' cannot be compared on {segment}: {unknown.Reason}", StatusCodes.Status404NotFound);
            }
        }

        return await grain.CompareSegment(a, b, minutes, segment) is { } comparison
            ? TypedResults.Ok(comparison)
            : Problems.Field("a", $"model '{model}' has no champion", StatusCodes.Status409Conflict);
    }
}
