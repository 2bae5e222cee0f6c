using Monitor.Gateway.OpenApi;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api.Segments;

/// <summary><c>?segment=country:DE</c> on a version's summary, time series, drift and comparison: the figures of one segment.</summary>
public static class SegmentQuery
{
    public const string Name = "segment";

    public static TBuilder WithSegmentQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTextQuery(Name,
            "One segment, key:value (`country:DE`, or `country:other` for the key's values outside its top K): the figures of that segment's records. "
            + "400 when ill-formed, 404 when the version does not track the segment (GET .../segments lists them)");

    /// <summary>Null with no problem when the query has no segment; a 400 problem when it is ill-formed.</summary>
    public static bool TryParse(string? raw, out SegmentName? segment, out IResult? problem)
    {
        problem = null;
        segment = null;
        if (raw is null)
        {
            return true;
        }

        segment = SegmentName.Parse(raw);
        if (segment is null)
        {
            problem = Problems.Field(Name, $"must be key:value such as country:DE (a segment key, a colon, one of its values or 'other'), got '{Problems.Shown(raw)}'");
            return false;
        }

        return true;
    }

    /// <summary>Null when the version tracks the segment; the 404 to answer otherwise.</summary>
    public static async Task<IResult?> CheckAsync(IModelVersionGrain grain, SegmentName segment) =>
        await grain.CheckSegment(segment) is { } unknown ? Problems.Field(unknown.Field, unknown.Reason, StatusCodes.Status404NotFound) : null;
}
