using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>
/// GET /v1/cluster: the silos the cluster knows, their status, and how many model versions each
/// hosts (with ?versions=true, which ones): shows a silo that was added taking new versions.
/// </summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetCluster)
            .WithTags("Cluster")
            .WithSummary("Silos, their status and the model versions active on each")
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
        var silos = hosts
            .OrderBy(h => h.Key.ToString(), StringComparer.Ordinal)
            .Select(h => new SiloStatusLine(
                h.Key.ToString(),
                h.Key.Endpoint.ToString(),
                h.Value.ToString().ToLowerInvariant(),
                bySilo.GetValueOrDefault(h.Key)?.Count ?? 0,
                versions == true ? bySilo.GetValueOrDefault(h.Key) ?? [] : null))
            .ToList();
        return TypedResults.Ok(new ClusterStatus(silos.Count(s => s.Status == "active"), bySilo.Values.Sum(v => v.Count), silos));
    }

    public sealed record ClusterStatus(int ActiveSilos, int ActiveVersions, IReadOnlyList<SiloStatusLine> Silos);

    public sealed record SiloStatusLine(string Silo, string Endpoint, string Status, int Versions, IReadOnlyList<string>? VersionKeys);
}
