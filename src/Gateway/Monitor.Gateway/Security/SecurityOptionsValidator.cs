using Microsoft.Extensions.Options;

namespace Monitor.Gateway.Security;

/// <summary>Refuses to start with a key that could never work: no name, an unknown role, a malformed hash, a duplicate.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var at = $"{SecurityOptions.Section}:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                failures.Add($"{at}:Name is empty; name every key (the name appears in logs, never the key)");
            }
            else if (!names.Add(entry.Name.Trim()))
            {
                failures.Add($"{at}:Name '{entry.Name}' is used by another key");
            }

            if (!ApiKeyRoles.TryParse(entry.Role, out _))
            {
                failures.Add($"{at}:Role must be ingest, read or admin");
            }

            if (!ApiKeyHash.TryParse(entry.Hash, out var hash))
            {
                failures.Add($"{at}:Hash must be the key's SHA-256 as 64 hex digits (run 'monitor apikey' to make a key and its hash)");
            }
            else if (!hashes.Add(Convert.ToHexString(hash)))
            {
                failures.Add($"{at}:Hash is the same as another key's");
            }

            if (entry.RequestsPerSecond is < 0 || entry.Burst is < 1)
            {
                failures.Add($"{at}: RequestsPerSecond must be at least 0 and Burst at least 1");
            }
        }

        if (options.RateLimit.RequestsPerSecond < 0 || options.RateLimit.Burst < 1 || options.RateLimit.AnonymousRequestsPerSecond < 0)
        {
            failures.Add($"{SecurityOptions.Section}:RateLimit: RequestsPerSecond and AnonymousRequestsPerSecond must be at least 0, Burst at least 1");
        }

        if (!BrowserPageAccessText.TryParse(options.OrleansDashboard, out _))
        {
            failures.Add($"{SecurityOptions.Section}:OrleansDashboard must be admin, read, open or off (it is '{options.OrleansDashboard}')");
        }

        if (!BrowserPageAccessText.TryParse(options.ApiDocs, out _))
        {
            failures.Add($"{SecurityOptions.Section}:ApiDocs must be open, read, admin or off (it is '{options.ApiDocs}')");
        }

        foreach (var origin in options.Cors.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                failures.Add($"{SecurityOptions.Section}:Cors:AllowedOrigins: '{origin}' is not an origin such as https://dashboard.example.com");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
