using System.Net;
using Monitor.Grains.Drift;

namespace Monitor.Grains.Alerting.Targets;

/// <summary>
/// The check of a channel's target when it is created or changed: a URL or SMTP host written as an
/// address (in any form the parsers accept: dotted, decimal <c>2130706433</c>, octal or hex parts,
/// IPv6, IPv4-mapped <c>[::ffff:127.0.0.1]</c>) must be one the policy allows. Host names are checked
/// when a notification connects, on the address they then resolve to.
/// </summary>
public static class ChannelTargetRules
{
    public static FieldProblem? Check(ChannelConfig channel, TargetNetworkPolicy policy)
    {
        if (channel.Kind is ChannelKind.Webhook or ChannelKind.Slack or ChannelKind.PagerDuty or ChannelKind.Alertmanager
            && channel.Url is not null
            && Uri.TryCreate(channel.Url, UriKind.Absolute, out var uri)
            && AddressOf(uri) is { } address
            && policy.Refusal(address) is { } urlRefusal)
        {
            // A secret URL is never repeated; its host's address is what is wrong.
            return new FieldProblem("url", $"the host is {urlRefusal}");
        }

        if (channel.Kind == ChannelKind.Email
            && channel.SmtpHost is { } host
            && ParseAddress(host) is { } smtp
            && policy.Refusal(smtp) is { } smtpRefusal)
        {
            return new FieldProblem("smtp_host", $"{smtpRefusal}");
        }

        return null;
    }

    private static IPAddress? AddressOf(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? ParseAddress(uri.Host) : ParseAddress(uri.DnsSafeHost);

    /// <summary>The address a host text stands for, in any form the resolver would take as one; null for a name.</summary>
    private static IPAddress? ParseAddress(string host)
    {
        var bare = host.Trim();
        if (bare.Length > 1 && bare[0] == '[' && bare[^1] == ']')
        {
            bare = bare[1..^1];
        }

        return IPAddress.TryParse(bare, out var address) ? address : null;
    }
}
