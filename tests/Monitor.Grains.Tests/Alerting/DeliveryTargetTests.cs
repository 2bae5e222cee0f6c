using Microsoft.Extensions.Options;
using Monitor.Grains.Alerting;
using Monitor.Grains.Alerting.Delivery;
using Monitor.Grains.Alerting.Targets;
using Monitor.Testing.Receivers;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>
/// The address a delivery connects to is checked when it connects, after the name is resolved: a name
/// that resolves to loopback reaches nothing unless loopback is allowed, for HTTP channels and SMTP alike.
/// </summary>
public sealed class DeliveryTargetTests
{
    private static readonly IOptions<AlertingOptions> Strict = Options.Create(new AlertingOptions());
    private static readonly IOptions<AlertingOptions> LoopbackAllowed = Options.Create(new AlertingOptions { AllowedTargetNetworks = ["127.0.0.0/8", "::1"] });

    [Fact]
    public async Task A_webhook_whose_name_resolves_to_loopback_is_not_connected_to()
    {
        await using var receiver = new LoopbackReceiver();
        using var http = new NotificationHttp(Strict);
        var url = $"http://localhost:{new Uri(receiver.Url).Port}/hook";

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => http.PostJsonAsync(url, "{}"u8.ToArray(), default));
        Assert.Contains("loopback", refused.Message);
        Assert.Contains("AllowedTargetNetworks", refused.Message);
        Assert.Equal(0, receiver.Arrived);
    }

    [Fact]
    public async Task The_same_webhook_is_delivered_once_loopback_is_allowed()
    {
        await using var receiver = new LoopbackReceiver();
        using var http = new NotificationHttp(LoopbackAllowed);
        var (status, _) = await http.PostJsonAsync($"http://localhost:{new Uri(receiver.Url).Port}/hook", "{}"u8.ToArray(), default);

        // The listener answered: it serves only its 127.0.0.1 prefix, so a request naming localhost gets its 404.
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task An_smtp_host_whose_name_resolves_to_loopback_is_not_connected_to()
    {
        await using var receiver = new LoopbackReceiver();
        var channel = new ChannelConfig
        {
            Name = "mail",
            Kind = ChannelKind.Email,
            To = ["oncall@example.test"],
            From = "monitor@example.test",
            SmtpHost = "localhost",
            SmtpPort = new Uri(receiver.Url).Port,
            Security = "none",
        };
        var notification = new Notification
        {
            Id = "n1", GroupId = "default:abc", GroupKey = "default:{alertname=\"X\"}", Channel = "mail",
            GroupLabels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "X" }), Alerts = [], CreatedAt = DateTimeOffset.UnixEpoch,
        };

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => new EmailSender(Strict).SendAsync(channel, notification, default));
        Assert.Contains("loopback", refused.Message);
        Assert.Equal(0, receiver.Arrived);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.1.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("::", "unspecified")]
    public void A_non_global_address_is_classified_by_its_range(string address, string kind) =>
        Assert.Contains(kind, TargetNetworkPolicy.NonGlobalKind(System.Net.IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void A_global_address_is_reachable_without_any_allowance(string address)
    {
        Assert.Null(TargetNetworkPolicy.NonGlobalKind(System.Net.IPAddress.Parse(address)));
        Assert.Null(TargetNetworkPolicy.Strict.Refusal(System.Net.IPAddress.Parse(address)));
    }
}
