namespace Monitor.Gateway.Security;

/// <summary>
/// The authorization policies endpoints declare with <c>RequireAuthorization</c>. Each asks for an API key
/// role (an admin key passes every one); with no keys configured every policy lets requests through.
/// </summary>
public static class ApiPolicies
{
    /// <summary>Reading anything under /v1.</summary>
    public const string Read = "read";

    /// <summary>Sending telemetry: predictions, labels, business events, model-server payloads.</summary>
    public const string Ingest = "ingest";

    /// <summary>Changing configuration: references, rules, channels, routes, silences, settings.</summary>
    public const string Admin = "admin";

    /// <summary>/metrics: read when <c>Monitor:Security:ProtectMetrics</c> is set, otherwise open.</summary>
    public const string Metrics = "metrics";

    /// <summary>The Orleans dashboard, as <c>Monitor:Security:OrleansDashboard</c> says.</summary>
    public const string OrleansDashboard = "orleans-dashboard";

    /// <summary>The API reference and the OpenAPI document, as <c>Monitor:Security:ApiDocs</c> says.</summary>
    public const string ApiDocs = "api-docs";
}
