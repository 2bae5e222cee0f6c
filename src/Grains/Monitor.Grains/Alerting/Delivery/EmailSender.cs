using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Grains.Alerting.Targets;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// Email over SMTP (MailKit): Alertmanager's subject line, a plain-text body listing the alerts. The
/// server's name is resolved here and only an address the <see cref="TargetNetworkPolicy"/> allows is
/// connected to; MailKit then speaks SMTP (and TLS, checked against the name) over that connection.
/// </summary>
public sealed class EmailSender(IOptions<AlertingOptions> options) : INotificationSender
{
    private readonly TargetNetworkPolicy _policy = TargetNetworkPolicy.From(options.Value);

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
            var socket = await TargetAddresses.ConnectAsync(channel.SmtpHost!, channel.SmtpPort, _policy, cancellationToken).ConfigureAwait(false);
            try
            {
                await client.ConnectAsync(socket, channel.SmtpHost!, channel.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

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
