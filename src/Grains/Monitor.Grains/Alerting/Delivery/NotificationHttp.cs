using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Monitor.Grains.Alerting.Targets;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// The HTTP client of every HTTP channel. Built by hand rather than through the HTTP client factory, whose
/// logging handlers would write request URLs (and with them webhook tokens) to the log. Every connection
/// goes to an address the <see cref="TargetNetworkPolicy"/> allows, resolved when it is opened; no proxy
/// is used, since the policy could then only see the proxy's address.
/// </summary>
public sealed class NotificationHttp : IDisposable
{
    private readonly HttpClient _client;

    public NotificationHttp(TargetNetworkPolicy policy)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = await TargetAddresses.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, policy, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Monitor", "1.0"));
    }

    public NotificationHttp(IOptions<AlertingOptions> options)
        : this(TargetNetworkPolicy.From(options.Value))
    {
    }

    /// <summary>Posts JSON; returns the status code and the (short) body.</summary>
    public async Task<(int Status, string Body)> PostJsonAsync(string url, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await _client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetRefusedException refused)
        {
            throw refused;
        }

        using var _ = response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, body.Length > 512 ? body[..512] : body);
    }

    public void Dispose() => _client.Dispose();
}
