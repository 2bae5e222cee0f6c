using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Monitor.Grains.Alerting;

/// <summary>
/// Seals a channel's secrets (the URL of webhook and Slack channels, the PagerDuty routing key, the SMTP
/// password) with ASP.NET Core Data Protection before they are stored, and opens them when they are read,
/// so the grain store never holds them in plain text. A sealed value is <see cref="Prefix"/> followed by the
/// protected payload; a value without the prefix was stored in plain text by an earlier version and is read
/// as it is (and sealed on the next write).
/// </summary>
public sealed class ChannelSecretProtector(IDataProtectionProvider provider)
{
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Monitor.Alerting.ChannelSecrets.v1");

    /// <summary>The channel with its secrets sealed for storage.</summary>
    public ChannelConfig Seal(ChannelConfig channel) => channel with
    {
        Url = channel.UrlIsSecret ? Seal(channel.Url) : channel.Url,
        RoutingKey = Seal(channel.RoutingKey),
        Password = Seal(channel.Password),
    };

    /// <summary>The stored channel with its secrets opened, and whether any was stored in plain text or could not be opened.</summary>
    public OpenedChannel Open(ChannelConfig stored)
    {
        var plain = false;
        var unreadable = false;
        string? OpenOne(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return value;
            }

            if (!value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                plain = true;
                return value;
            }

            try
            {
                return _protector.Unprotect(value[Prefix.Length..]);
            }
            catch (CryptographicException)
            {
                // Sealed with a key this node does not have (another key ring): unusable until set again.
                unreadable = true;
                return null;
            }
        }

        var opened = stored with
        {
            Url = stored.UrlIsSecret ? OpenOne(stored.Url) : stored.Url,
            RoutingKey = OpenOne(stored.RoutingKey),
            Password = OpenOne(stored.Password),
        };
        return new OpenedChannel(opened, plain, unreadable);
    }

    private string? Seal(string? value) =>
        string.IsNullOrEmpty(value) ? value : Prefix + _protector.Protect(value);
}

/// <summary>A stored channel with its secrets opened.</summary>
public readonly record struct OpenedChannel(ChannelConfig Channel, bool WasPlain, bool Unreadable);
