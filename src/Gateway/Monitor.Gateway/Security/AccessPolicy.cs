namespace Monitor.Gateway.Security;

/// <summary>
/// The role a request no endpoint serves needs (the fallback policy's rule; endpoints declare their own
/// policy), by path prefix and HTTP method: under /v1 reading needs read, sending telemetry needs ingest,
/// every other change needs admin, so a mistyped or future path answers as an existing one would. /metrics
/// needs read when protected; the Orleans dashboard and the API reference, even when switched off, need
/// what <see cref="SecurityOptions.OrleansDashboard"/> and <see cref="SecurityOptions.ApiDocs"/> say.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Paths under /v1 where a POST sends telemetry rather than changing configuration.</summary>
    private static readonly string[] TelemetryPaths =
        ["/v1/predictions", "/v1/labels", "/v1/events", "/v1/ingest/kserve", "/v1/ingest/seldon", "/v1/ingest/oip", "/v1/ingest/bentoml"];

    /// <summary>The role the request needs, or null when it needs none.</summary>
    public static ApiKeyRole? Required(string method, PathString path, SecurityOptions security)
    {
        // "//v1/models" must not slip past the "/v1" prefix.
        if (path.HasValue && path.Value!.Contains("//", StringComparison.Ordinal))
        {
            path = new PathString(CollapseSlashes(path.Value));
        }

        if (path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return security.ProtectMetrics ? ApiKeyRole.Read : null;
        }

        if (path.StartsWithSegments(OrleansDashboardPath, StringComparison.OrdinalIgnoreCase))
        {
            return security.OrleansDashboardAccess.RoleNeeded();
        }

        if (IsApiDocs(path))
        {
            return security.ApiDocsAccess.RoleNeeded();
        }

        if (!path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return ApiKeyRole.Read;
        }

        if (HttpMethods.IsPost(method))
        {
            foreach (var telemetry in TelemetryPaths)
            {
                if (path.Equals(telemetry, StringComparison.OrdinalIgnoreCase) || path.Equals(telemetry + "/", StringComparison.OrdinalIgnoreCase))
                {
                    return ApiKeyRole.Ingest;
                }
            }
        }

        return ApiKeyRole.Admin;
    }

    /// <summary>Pages people open in a browser (see <see cref="ApiKeyRequirement.IsBrowserPage"/>).</summary>
    public static bool IsBrowserPage(PathString path) =>
        path.StartsWithSegments(OrleansDashboardPath, StringComparison.OrdinalIgnoreCase) || IsApiDocs(path);

    private const string OrleansDashboardPath = "/orleans";

    private static bool IsApiDocs(PathString path) =>
        path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    private static string CollapseSlashes(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c != '/' || builder.Length == 0 || builder[^1] != '/')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
