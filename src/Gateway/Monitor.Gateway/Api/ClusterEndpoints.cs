using Monitor.Gateway.Security;
using Monitor.Grains.Rebalancing;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>
/// GET /v1/cluster: the silos the cluster knows, their status, how many model versions each
/// hosts (with ?versions=true, which ones), each silo's ingest load as it last reported it, and the
/// versions the rebalancer and leaving silos moved: shows a silo that was added taking its share.
/// </summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetCluster)
            .RequireAuthorization(ApiPolicies.Read)
            .WithTags("Cluster")
            .WithSummary("Silos, their status, load and model versions, and the versions moved between them")
            .Produces<ClusterStatus>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> GetCluster(bool? versions, IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var versionType = grains.GetGrain<IModelVersionGrain>(VersionKey.Of("m", "v")).GetGrainId().Type;
        var statistics = await management.GetDetailedGrainStatistics();
        var bySilo = statistics
            .Where(s => s.GrainId.Type.Equals(versionType))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Select(s => s.GrainId.Key.ToString()!).Order(StringComparer.Ordinal).ToList());
        var load = await grains.GetGrain<IClusterRebalancerGrain>(0).GetLoad();
        var silos = hosts
            .OrderBy(h => h.Key.ToString(), StringComparer.Ordinal)
            .Select(h => new SiloStatusLine(
                h.Key.ToString(),
                h.Key.Endpoint.ToString(),
                h.Value.ToString().ToLowerInvariant(),
                bySilo.GetValueOrDefault(h.Key)?.Count ?? 0,
                versions == true ? bySilo.GetValueOrDefault(h.Key) ?? [] : null,
                load.Silos.FirstOrDefault(r => r.Silo.Equals(h.Key)) is { } report ? SiloLoadLine.Of(report) : null))
            .ToList();
        var moves = load.Moves.Select(m => new VersionMoveLine(m.At, m.Version, m.From.ToString(), m.To.ToString(), m.Reason, m.RecordsPerSecond)).ToList();
        return TypedResults.Ok(new ClusterStatus(silos.Count(s => s.Status == "active"), bySilo.Values.Sum(v => v.Count), silos, load.Enabled, moves));
    }

    public sealed record ClusterStatus(
        int ActiveSilos,
        int ActiveVersions,
        IReadOnlyList<SiloStatusLine> Silos,
        bool RebalancingEnabled,
        IReadOnlyList<VersionMoveLine> Moves);

    /// <param name="Load">The silo's last load report; null when it has sent none in the last three intervals.</param>
    public sealed record SiloStatusLine(string Silo, string Endpoint, string Status, int Versions, IReadOnlyList<string>? VersionKeys, SiloLoadLine? Load);

    public sealed record SiloLoadLine(DateTimeOffset ReportedAt, double RecordsPerSecond, long MemoryBytes, int ReportingVersions)
    {
        public static SiloLoadLine Of(SiloLoadReport report) =>
            new(report.At, Math.Round(report.RecordsPerSecond, 1), report.MemoryBytes, report.Versions.Length);
    }

    /// <param name="Reason">"load" (the rebalancer) or "drain" (a stopping silo).</param>
    public sealed record VersionMoveLine(DateTimeOffset At, string Version, string From, string To, string Reason, double RecordsPerSecond);
}
