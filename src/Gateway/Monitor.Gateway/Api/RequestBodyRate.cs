using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Monitor.Gateway.Api;

/// <summary>
/// Kestrel's minimum request body data rate, from <c>Monitor:Gateway:MinRequestBodyBytesPerSecond</c>
/// (default 240; 0 turns it off) and <c>Monitor:Gateway:MinRequestBodyGracePeriod</c> (default 5 s): a client
/// that sends a few bytes and then stalls holds a connection and a request slot until it is cut off with 408.
/// </summary>
public static class RequestBodyRate
{
    public const double DefaultBytesPerSecond = 240;

    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddRequestBodyRate(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            var rate = configuration.GetValue("Monitor:Gateway:MinRequestBodyBytesPerSecond", DefaultBytesPerSecond);
            var grace = configuration.GetValue("Monitor:Gateway:MinRequestBodyGracePeriod", DefaultGracePeriod);
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new InvalidOperationException($"Monitor:Gateway:MinRequestBodyBytesPerSecond must be a number of bytes per second, 0 or more; got {rate}");
            }

            // Kestrel checks rates once a second, so it needs a grace period longer than that.
            if (rate > 0 && grace <= TimeSpan.FromSeconds(1))
            {
                throw new InvalidOperationException($"Monitor:Gateway:MinRequestBodyGracePeriod must be more than one second; got {grace}");
            }

            kestrel.Limits.MinRequestBodyDataRate = rate == 0 ? null : new MinDataRate(rate, grace);
        });
}
