namespace Monitor.Gateway.Security;

/// <summary>API keys, rate limits and CORS (configuration section <c>Monitor:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Monitor:Security";

    /// <summary>
    /// The keys that may call /v1. When none is configured the API is open (the single-node default,
    /// announced by a warning at start); as soon as one is, every /v1 request needs a key.
    /// </summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>When true, /metrics needs a key with the read (or admin) role too.</summary>
    public bool ProtectMetrics { get; set; }

    /// <summary>
    /// Who may open the Orleans dashboard under /orleans (silo addresses, grain types, call rates and
    /// its live trace of grain calls) when keys are configured: admin (the default), read, open or off.
    /// </summary>
    public string OrleansDashboard { get; set; } = "admin";

    /// <summary>
    /// Who may read the API reference (/docs) and the OpenAPI document (/openapi/...) when keys are
    /// configured: open (the default: they describe the API, not its data), read, admin or off.
    /// </summary>
    public string ApiDocs { get; set; } = "open";

    public RateLimitOptions RateLimit { get; set; } = new();

    public CorsOptions Cors { get; set; } = new();

    public BrowserPageAccess OrleansDashboardAccess =>
        BrowserPageAccessText.TryParse(OrleansDashboard, out var access) ? access : BrowserPageAccess.Admin;

    public BrowserPageAccess ApiDocsAccess =>
        BrowserPageAccessText.TryParse(ApiDocs, out var access) ? access : BrowserPageAccess.Admin;

    public sealed class ApiKeyEntry
    {
        /// <summary>A name for logs and rate-limit partitions; never the key itself.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>ingest, read or admin.</summary>
        public string Role { get; set; } = string.Empty;

        /// <summary>SHA-256 of the key in hex (<c>monitor apikey</c> prints it).</summary>
        public string Hash { get; set; } = string.Empty;

        /// <summary>This key's own limit, overriding <see cref="RateLimitOptions.RequestsPerSecond"/>.</summary>
        public double? RequestsPerSecond { get; set; }

        public int? Burst { get; set; }
    }

    public sealed class RateLimitOptions
    {
        /// <summary>Sustained requests per second per key (a token bucket); 0 turns limits off.</summary>
        public double RequestsPerSecond { get; set; } = 1000;

        /// <summary>Requests a key may send at once above its sustained rate.</summary>
        public int Burst { get; set; } = 2000;

        /// <summary>When no keys are configured: requests per second per client address; 0 (the default) means unlimited.</summary>
        public double AnonymousRequestsPerSecond { get; set; }
    }

    public sealed class CorsOptions
    {
        /// <summary>Origins a browser may call the API from (e.g. https://grafana.example.com). Empty: CORS off.</summary>
        public string[] AllowedOrigins { get; set; } = [];
    }
}
