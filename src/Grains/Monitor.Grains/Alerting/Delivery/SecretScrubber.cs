namespace Monitor.Grains.Alerting.Delivery;

/// <summary>Removes a channel's secrets from text before it is logged (exception messages can quote a URL).</summary>
public static class SecretScrubber
{
    public static string Scrub(string text, ChannelConfig channel)
    {
        foreach (var secret in channel.SecretValues().OrderByDescending(s => s.Length))
        {
            if (secret.Length >= 4)
            {
                text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
