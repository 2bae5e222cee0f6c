namespace Monitor.Gateway.Security;

/// <summary>
/// Who may open a page that people browse to rather than call with a key header: the Orleans dashboard
/// (<c>Monitor:Security:OrleansDashboard</c>) and the API reference with its OpenAPI document
/// (<c>Monitor:Security:ApiDocs</c>). Applies only when API keys are configured; without keys
/// everything is open.
/// </summary>
public enum BrowserPageAccess
{
    /// <summary>Anyone who can reach the gateway.</summary>
    Open,

    /// <summary>A key with the read (or admin) role.</summary>
    Read,

    /// <summary>A key with the admin role.</summary>
    Admin,

    /// <summary>Not served at all.</summary>
    Off,
}

public static class BrowserPageAccessText
{
    public static bool TryParse(string? text, out BrowserPageAccess access)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "open":
                access = BrowserPageAccess.Open;
                return true;
            case "read":
                access = BrowserPageAccess.Read;
                return true;
            case "admin":
                access = BrowserPageAccess.Admin;
                return true;
            case "off":
                access = BrowserPageAccess.Off;
                return true;
            default:
                access = default;
                return false;
        }
    }

    /// <summary>The role a request for the page needs; null when it needs none. A page that is off still needs admin, so nothing of it leaks.</summary>
    public static ApiKeyRole? RoleNeeded(this BrowserPageAccess access) => access switch
    {
        BrowserPageAccess.Open => null,
        BrowserPageAccess.Read => ApiKeyRole.Read,
        _ => ApiKeyRole.Admin,
    };
}
