using System.Net.Http.Headers;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// The HTTP client of every HTTP channel. Built by hand rather than through the HTTP client factory, whose
/// logging handlers would write request URLs (and with them webhook tokens) to the log.
/// </summary>
public sealed class NotificationHttp : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public NotificationHttp()
    {
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Monitor", "1.0"));
    }

    /// <summary>Posts JSON; returns the status code and the (short) body.</summary>
    public async Task<(int Status, string Body)> PostJsonAsync(string url, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, body.Length > 512 ? body[..512] : body);
    }

    public void Dispose() => _client.Dispose();
}
