using System.Net;
using System.Net.Sockets;

namespace Monitor.Grains.Alerting.Targets;

/// <summary>
/// Which addresses notifications may be sent to: every global address, and of the others (loopback,
/// link-local, private, unspecified, shared, documentation, multicast, reserved, and IPv6 forms that
/// embed an IPv4 address) only those inside <see cref="AlertingOptions.AllowedTargetNetworks"/>. Keeps
/// a channel from reaching the node itself, a cloud metadata service or the internal network unless
/// the operator allows it.
/// </summary>
public sealed class TargetNetworkPolicy
{
    // The IANA special-purpose registries, with the name said in refusals.
    private static readonly (IPNetwork Network, string Name)[] NonGlobal =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (\"this network\")"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "NAT64"),
        (IPNetwork.Parse("100::/64"), "discard"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("2002::/16"), "6to4"),
        (IPNetwork.Parse("fc00::/7"), "unique local (private)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private readonly IPNetwork[] _allowed;

    public TargetNetworkPolicy(IEnumerable<string> allowedNetworks)
    {
        var allowed = new List<IPNetwork>();
        foreach (var text in allowedNetworks)
        {
            if (!TryParseNetwork(text, out var network))
            {
                throw new ArgumentException($"'{text}' is not a network in CIDR form such as 127.0.0.0/8 or fd00::/8", nameof(allowedNetworks));
            }

            allowed.Add(network);
        }

        _allowed = [.. allowed];
    }

    /// <summary>No non-global address allowed.</summary>
    public static TargetNetworkPolicy Strict { get; } = new([]);

    public static TargetNetworkPolicy From(AlertingOptions options) => new(options.AllowedTargetNetworks);

    /// <summary>Parses one CIDR network (a bare address means that address alone).</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (!trimmed.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(trimmed, out var single) && trimmed.Contains(single.AddressFamily == AddressFamily.InterNetwork ? '.' : ':', StringComparison.Ordinal))
        {
            single = Canonical(single);
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        if (!IPNetwork.TryParse(trimmed, out network))
        {
            return false;
        }

        if (network.BaseAddress.IsIPv4MappedToIPv6)
        {
            network = new IPNetwork(network.BaseAddress.MapToIPv4(), Math.Max(0, network.PrefixLength - 96));
        }

        return true;
    }

    /// <summary>Why the address may not be reached (its kind and the setting that would allow it); null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        var canonical = Canonical(address);
        var kind = NonGlobalKind(canonical);
        if (kind is null)
        {
            return null;
        }

        foreach (var network in _allowed)
        {
            if (network.Contains(canonical))
            {
                return null;
            }
        }

        return $"{canonical} is a {kind} address, which notifications may not reach unless {AlertingOptions.Section}:AllowedTargetNetworks lists its network";
    }

    /// <summary>The kind of non-global range the address is in; null for a global address.</summary>
    public static string? NonGlobalKind(IPAddress address)
    {
        var canonical = Canonical(address);
        foreach (var (network, name) in NonGlobal)
        {
            if (network.Contains(canonical))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>IPv4-mapped IPv6 addresses are their IPv4 address; scope ids do not change the range.</summary>
    private static IPAddress Canonical(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
