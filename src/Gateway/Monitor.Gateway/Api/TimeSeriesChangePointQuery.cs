using Microsoft.OpenApi;
using Monitor.Gateway.OpenApi;
using Monitor.Grains.Trends;
using Monitor.Grains.Versions;
using Monitor.Statistics.Trends;

namespace Monitor.Gateway.Api;

/// <summary><c>GET .../timeseries?change_points=true</c>: the answer also lists the level shifts of its charted series.</summary>
public static class TimeSeriesChangePointQuery
{
    public const string Name = "change_points";

    public static TBuilder WithChangePointQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterDoc(Name, JsonSchemaType.Boolean,
            "true adds `change_points`: level shifts of the charted series (latency percentiles, error rate, throughput, confidence, outcomes) "
            + "found by the Page-Hinkley detector change-point rules use, each with series, at, detected_at, direction (up or down), detector, magnitude, before and after"));

    public static bool TryParse(string? raw, out bool wanted, out IResult? problem)
    {
        problem = null;
        wanted = false;
        if (string.IsNullOrEmpty(raw) || raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw == "0")
        {
            return true;
        }

        if (raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw == "1")
        {
            wanted = true;
            return true;
        }

        problem = Problems.Field(Name, $"must be true or false, got '{Problems.Shown(raw)}'");
        return false;
    }

    public static VersionTimeSeries Apply(VersionTimeSeries series, bool wanted) =>
        wanted ? TimeSeriesChangePoints.With(series, PageHinkleyOptions.Default) : series;
}
