using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>Email over SMTP (MailKit): Alertmanager's subject line, a plain-text body listing the alerts.</summary>
public sealed class EmailSender(IOptions<AlertingOptions> options) : INotificationSender
{
    public ChannelKind Kind => ChannelKind.Email;

    public static MimeMessage Message(ChannelConfig channel, Notification notification, string externalUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(channel.From!));
        foreach (var to in channel.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = NotificationText.Title(notification);
        message.Headers.Add("X-Monitor-Group-Key", notification.GroupKey);
        message.Body = new TextPart("plain") { Text = NotificationText.Body(notification, externalUrl) };
        return message;
    }

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        var security = channel.Security switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        try
        {
            await client.ConnectAsync(channel.SmtpHost!, channel.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(channel.Username))
            {
                await client.AuthenticateAsync(channel.Username, channel.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(Message(channel, notification, options.Value.ExternalUrl), cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return DeliveryAttempt.Delivered;
        }
        catch (AuthenticationException)
        {
            return DeliveryAttempt.Fail("SMTP authentication refused");
        }
        catch (SmtpCommandException ex)
        {
            // 4xx replies are transient in SMTP; 5xx are final.
            var code = (int)ex.StatusCode;
            return code is >= 400 and < 500 ? DeliveryAttempt.Retry($"SMTP {code}") : DeliveryAttempt.Fail($"SMTP {code}");
        }
    }
}
