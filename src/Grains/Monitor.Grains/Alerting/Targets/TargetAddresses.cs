using System.Net;
using System.Net.Sockets;

namespace Monitor.Grains.Alerting.Targets;

/// <summary>
/// Resolves a channel's host at connection time and keeps the addresses the policy allows, so what is
/// checked is what is connected to: a name that resolved to a public address when the channel was
/// created and resolves to 127.0.0.1 now (DNS rebinding) is refused.
/// </summary>
public static class TargetAddresses
{
    /// <summary>The host's addresses that may be reached, in resolver order; throws <see cref="TargetRefusedException"/> when none may.</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, TargetNetworkPolicy policy, CancellationToken cancellationToken)
    {
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new TargetRefusedException($"the host could not be resolved ({ex.SocketErrorCode})");
            }
        }

        var allowed = new List<IPAddress>(addresses.Length);
        string? refusal = null;
        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } reason)
            {
                refusal ??= reason;
            }
            else
            {
                allowed.Add(address);
            }
        }

        if (allowed.Count == 0)
        {
            throw new TargetRefusedException(refusal is null ? "the host has no address" : $"the host resolves only to addresses deliveries may not reach: {refusal}");
        }

        return [.. allowed];
    }

    /// <summary>A TCP connection to the first allowed address of the host that answers.</summary>
    public static async Task<Socket> ConnectAsync(string host, int port, TargetNetworkPolicy policy, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(host, policy, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
