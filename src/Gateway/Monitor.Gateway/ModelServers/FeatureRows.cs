using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>The features of a request's rows, column by column, as a prediction batch holds them.</summary>
public sealed record FeatureRows(int Rows, FeatureColumn[] Columns)
{
    public static FeatureRows None(int rows) => new(rows, []);
}
