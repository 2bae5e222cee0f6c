using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api;

namespace Monitor.Gateway.Security;

/// <summary>API keys, per-key rate limits and CORS, registered and placed in the pipeline in one place.</summary>
public static class SecurityServiceCollectionExtensions
{
    private const string CorsPolicy = "monitor";

    public static IServiceCollection AddMonitorSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<ApiKeyRing>();
        services.AddApiKeyAuthorization();
        services.AddHostedService<SecurityStartupReport>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var who = ApiKeyAuthentication.KeyOf(context) is { } key ? $"the key '{key.Name}'" : "this client";
                await Problems.Field("rate", $"{who} sent more requests than its limit allows; retry after {seconds} s", StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context);
            };
        });

        var origins = configuration.GetSection($"{SecurityOptions.Section}:Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(origins)
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", PresentedApiKey.HeaderName)
                .WithExposedHeaders("Retry-After", "Location")));
        }

        return services;
    }

    /// <summary>CORS (only when origins are configured), then the key and the endpoint's policy, then rate limits.</summary>
    public static IApplicationBuilder UseMonitorSecurity(this IApplicationBuilder app, IConfiguration configuration)
    {
        var origins = configuration.GetSection($"{SecurityOptions.Section}:Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        if (ApiKeyAuthentication.KeyOf(context) is { } key)
        {
            return key.RequestsPerSecond > 0
                ? RateLimitPartition.GetTokenBucketLimiter("key:" + key.Name, _ => Bucket(key.RequestsPerSecond, key.Burst))
                : RateLimitPartition.GetNoLimiter("key:" + key.Name);
        }

        var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var anonymous = security.RateLimit.AnonymousRequestsPerSecond;
        if (anonymous <= 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter("ip:" + address, _ => Bucket(anonymous, security.RateLimit.Burst));
    }

    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        // Refill ten times a second when the rate allows it, so a key is not starved for a whole second.
        var (period, tokens) = perSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(perSecond / 10))
            : (TimeSpan.FromSeconds(1 / perSecond), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, tokens),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
