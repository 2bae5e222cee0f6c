using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Monitor.Gateway.Security;

/// <summary>The configured keys, looked up by the hash of a presented key in constant time.</summary>
public sealed class ApiKeyRing
{
    private readonly ApiKey[] _keys;

    public ApiKeyRing(IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        _keys = [.. security.ApiKeys.Select(entry =>
        {
            ApiKeyRoles.TryParse(entry.Role, out var role);
            ApiKeyHash.TryParse(entry.Hash, out var hash);
            return new ApiKey(
                entry.Name.Trim(),
                role,
                hash,
                entry.RequestsPerSecond ?? security.RateLimit.RequestsPerSecond,
                entry.Burst ?? security.RateLimit.Burst);
        })];
    }

    /// <summary>True when at least one key is configured, so /v1 needs a key.</summary>
    public bool Enabled => _keys.Length > 0;

    public IReadOnlyList<ApiKey> Keys => _keys;

    /// <summary>The key whose hash matches; every configured hash is compared, so timing says nothing.</summary>
    public ApiKey? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented), hash);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                found = key;
            }
        }

        return found;
    }
}
