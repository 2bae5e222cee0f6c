namespace Monitor.Grains.Alerting.Delivery;

/// <summary>The result of one attempt. <see cref="Detail"/> never holds a secret (status codes, error types).</summary>
public readonly record struct DeliveryAttempt(bool Success, bool Retryable, string Detail)
{
    public static DeliveryAttempt Delivered { get; } = new(true, false, "ok");

    public static DeliveryAttempt Retry(string detail) => new(false, true, detail);

    public static DeliveryAttempt Fail(string detail) => new(false, false, detail);

    /// <summary>HTTP's answer: 2xx delivered; 408, 429 and 5xx worth retrying; other codes are the request's fault.</summary>
    public static DeliveryAttempt FromStatus(int status) => status switch
    {
        >= 200 and < 300 => Delivered,
        408 or 429 or >= 500 => Retry($"HTTP {status}"),
        _ => Fail($"HTTP {status}"),
    };
}
