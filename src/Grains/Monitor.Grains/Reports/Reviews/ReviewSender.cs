using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Grains.Alerting;
using Monitor.Grains.Alerting.Delivery;
using Monitor.Grains.Alerting.Targets;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>
/// Sends a review over an alerting channel, one attempt: email carries the HTML report inline (with the
/// summary as its text part); Slack and webhooks get the summary and a link to the report; the log channel
/// writes the summary. Connections go only where the alerting target policy allows, as notifications do.
/// </summary>
public sealed partial class ReviewSender(NotificationHttp http, IOptions<AlertingOptions> options, ILogger<ReviewSender> logger)
{
    private readonly TargetNetworkPolicy _policy = TargetNetworkPolicy.From(options.Value);

    public static bool CanSend(ChannelKind kind) => kind is ChannelKind.Email or ChannelKind.Slack or ChannelKind.Webhook or ChannelKind.Log;

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, ReviewMessage review, CancellationToken cancellationToken)
    {
        try
        {
            switch (channel.Kind)
            {
                case ChannelKind.Email:
                    return await EmailAsync(channel, review, cancellationToken).ConfigureAwait(false);
                case ChannelKind.Slack:
                    var (slack, answer) = await http.PostJsonAsync(channel.Url!, JsonSerializer.SerializeToUtf8Bytes(SlackPayload(review)), cancellationToken).ConfigureAwait(false);
                    return slack == 200 && answer.Trim() == "ok" ? DeliveryAttempt.Delivered
                        : slack == 200 ? DeliveryAttempt.Fail("HTTP 200 without \"ok\"") : DeliveryAttempt.FromStatus(slack);
                case ChannelKind.Webhook:
                    var (status, _) = await http.PostJsonAsync(channel.Url!, JsonSerializer.SerializeToUtf8Bytes(WebhookPayload(review), MonitorJson.Options), cancellationToken).ConfigureAwait(false);
                    return DeliveryAttempt.FromStatus(status);
                case ChannelKind.Log:
                    LogReview(logger, review.Subject, review.ReportUrl, review.Summary);
                    return DeliveryAttempt.Delivered;
                default:
                    return DeliveryAttempt.Fail($"a {channel.Kind.ToString().ToLowerInvariant()} channel cannot carry a review");
            }
        }
        catch (TargetRefusedException ex)
        {
            return DeliveryAttempt.Fail($"not connected: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAttempt.Retry("timed out");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DeliveryAttempt.Retry(SecretScrubber.Scrub($"{ex.GetType().Name}: {ex.Message}", channel));
        }
    }

    public static MimeMessage Email(ChannelConfig channel, ReviewMessage review)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(channel.From!));
        foreach (var to in channel.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = review.Subject;
        message.Headers.Add("X-Monitor-Review", $"{review.Model} {review.PeriodStart:yyyy-MM-dd}/{review.PeriodEnd:yyyy-MM-dd}");
        var body = new BodyBuilder
        {
            TextBody = $"{review.Subject}\n\n{review.Summary}\nThe full report: {review.ReportUrl}\n",
            HtmlBody = review.Html,
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    public static Dictionary<string, object> SlackPayload(ReviewMessage review)
    {
        var summary = review.Summary.Length > 2900 ? review.Summary[..2900] + "…" : review.Summary;
        return new Dictionary<string, object>
        {
            ["text"] = $"{review.Subject}: {review.ReportUrl}",
            ["blocks"] = new object[]
            {
                new Dictionary<string, object> { ["type"] = "header", ["text"] = new Dictionary<string, object> { ["type"] = "plain_text", ["text"] = review.Subject.Length > 150 ? review.Subject[..150] : review.Subject } },
                new Dictionary<string, object> { ["type"] = "section", ["text"] = new Dictionary<string, object> { ["type"] = "mrkdwn", ["text"] = "```\n" + summary + "\n```" } },
                new Dictionary<string, object> { ["type"] = "section", ["text"] = new Dictionary<string, object> { ["type"] = "mrkdwn", ["text"] = $"<{review.ReportUrl}|The full report>" } },
            },
        };
    }

    public static object WebhookPayload(ReviewMessage review) => new
    {
        Type = "monitor.review",
        review.Model,
        review.Version,
        review.Schedule,
        review.PeriodStart,
        review.PeriodEnd,
        review.Subject,
        review.Summary,
        review.ReportUrl,
        review.Changes,
    };

    private async Task<DeliveryAttempt> EmailAsync(ChannelConfig channel, ReviewMessage review, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        var security = channel.Security switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
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

        try
        {
            if (!string.IsNullOrEmpty(channel.Username))
            {
                await client.AuthenticateAsync(channel.Username, channel.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(Email(channel, review), cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return DeliveryAttempt.Delivered;
        }
        catch (AuthenticationException)
        {
            return DeliveryAttempt.Fail("SMTP authentication refused");
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            return code is >= 400 and < 500 ? DeliveryAttempt.Retry($"SMTP {code}") : DeliveryAttempt.Fail($"SMTP {code}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject} ({Url})\n{Summary}")]
    private static partial void LogReview(ILogger logger, string subject, string url, string summary);
}
