namespace Monitor.Gateway.Security;

/// <summary>What an API key may do. Admin may do everything the others may.</summary>
public enum ApiKeyRole
{
    /// <summary>Send telemetry: predictions, labels, business events.</summary>
    Ingest,

    /// <summary>Read everything under /v1 (and /metrics when it is protected).</summary>
    Read,

    /// <summary>Everything: configuration (references, rules, channels, silences) as well as reading and sending.</summary>
    Admin,
}

public static class ApiKeyRoles
{
    public static bool Grants(this ApiKeyRole held, ApiKeyRole needed) => held == ApiKeyRole.Admin || held == needed;

    public static string ToLabel(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.Ingest => "ingest",
        ApiKeyRole.Read => "read",
        _ => "admin",
    };

    public static bool TryParse(string? text, out ApiKeyRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ingest":
                role = ApiKeyRole.Ingest;
                return true;
            case "read":
                role = ApiKeyRole.Read;
                return true;
            case "admin":
                role = ApiKeyRole.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
