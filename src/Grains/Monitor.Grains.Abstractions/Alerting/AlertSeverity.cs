namespace Monitor.Grains.Alerting;

/// <summary>How urgent an alert is; also its <c>severity</c> label.</summary>
[GenerateSerializer, Alias("monitor.AlertSeverity")]
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}

public static class AlertSeverities
{
    public static string Label(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };

    public static bool TryParse(string? text, out AlertSeverity severity)
    {
        switch (text)
        {
            case "info":
                severity = AlertSeverity.Info;
                return true;
            case "warning":
                severity = AlertSeverity.Warning;
                return true;
            case "critical":
                severity = AlertSeverity.Critical;
                return true;
            default:
                severity = AlertSeverity.Warning;
                return false;
        }
    }
}
