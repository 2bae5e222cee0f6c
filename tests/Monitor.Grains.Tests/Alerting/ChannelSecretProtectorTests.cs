using Microsoft.AspNetCore.DataProtection;
using Monitor.Grains.Alerting;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>Secrets are sealed for storage and opened again; values stored in plain text by an earlier version still read, and are flagged for sealing.</summary>
public sealed class ChannelSecretProtectorTests
{
    private static readonly ChannelConfig Hook = new() { Name = "hook", Kind = ChannelKind.Webhook, Url = "https://hooks.example.com/T0KEN", RoutingKey = null };

    [Fact]
    public void Sealed_secrets_hold_no_plain_text_and_open_to_the_original()
    {
        var protector = new ChannelSecretProtector(new EphemeralDataProtectionProvider());
        var mail = new ChannelConfig { Name = "mail", Kind = ChannelKind.Email, SmtpHost = "smtp.example.com", Password = "pa55-word" };

        var sealedHook = protector.Seal(Hook);
        var sealedMail = protector.Seal(mail);
        Assert.StartsWith(ChannelSecretProtector.Prefix, sealedHook.Url);
        Assert.DoesNotContain("T0KEN", sealedHook.Url);
        Assert.DoesNotContain("pa55", sealedMail.Password);
        Assert.Equal("smtp.example.com", sealedMail.SmtpHost);

        var opened = protector.Open(sealedHook);
        Assert.Equal(Hook, opened.Channel);
        Assert.False(opened.WasPlain);
        Assert.Equal(mail, protector.Open(sealedMail).Channel);
    }

    [Fact]
    public void A_plain_text_secret_of_an_earlier_version_is_read_as_it_is_and_flagged()
    {
        var protector = new ChannelSecretProtector(new EphemeralDataProtectionProvider());
        var opened = protector.Open(Hook);
        Assert.Equal(Hook, opened.Channel);
        Assert.True(opened.WasPlain);
        Assert.False(opened.Unreadable);
    }

    [Fact]
    public void A_secret_sealed_with_another_key_ring_is_unreadable_not_an_error()
    {
        var sealedElsewhere = new ChannelSecretProtector(new EphemeralDataProtectionProvider()).Seal(Hook);
        var opened = new ChannelSecretProtector(new EphemeralDataProtectionProvider()).Open(sealedElsewhere);
        Assert.True(opened.Unreadable);
        Assert.Null(opened.Channel.Url);
    }

    [Fact]
    public void Urls_that_are_not_secret_stay_readable()
    {
        var protector = new ChannelSecretProtector(new EphemeralDataProtectionProvider());
        var am = new ChannelConfig { Name = "am", Kind = ChannelKind.Alertmanager, Url = "http://alertmanager:9093" };
        Assert.Equal(am.Url, protector.Seal(am).Url);
    }
}
