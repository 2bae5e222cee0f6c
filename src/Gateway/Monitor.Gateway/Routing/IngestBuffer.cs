using Microsoft.Extensions.Options;
using Prometheus;

namespace Monitor.Gateway.Routing;

/// <summary>
/// The bound on what a gateway holds for the cluster: records and body bytes of requests between
/// parsing and their grains' answers. A request that would pass either bound is refused whole
/// (503 with Retry-After) before anything of it is sent, so the bound holds under any load.
/// </summary>
public sealed class IngestBuffer(IOptions<GatewayIngestOptions> options)
{
    private static readonly Gauge BufferedRecords = Prometheus.Metrics.CreateGauge(
        "monitor_gateway_buffered_records", "Telemetry records held by the gateway until their model versions apply them");

    private static readonly Gauge BufferedBytes = Prometheus.Metrics.CreateGauge(
        "monitor_gateway_buffered_bytes", "Request body bytes held by the gateway until their model versions apply them");

    private readonly object _gate = new();
    private long _records;
    private long _bytes;

    public long Records => Interlocked.Read(ref _records);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Holds room for a request, or returns null when it would pass a bound.</summary>
    public Reservation? TryReserve(int records, long bytes)
    {
        var limits = options.Value;
        lock (_gate)
        {
            // A single request larger than the whole bound is still taken when nothing else is held,
            // so the bound can never refuse every request forever.
            var empty = _records == 0 && _bytes == 0;
            if (!empty && (_records + records > limits.MaxBufferedRecords || _bytes + bytes > limits.MaxBufferedBytes))
            {
                return null;
            }

            _records += records;
            _bytes += bytes;
            BufferedRecords.Set(_records);
            BufferedBytes.Set(_bytes);
        }

        return new Reservation(this, records, bytes);
    }

    private void Release(int records, long bytes)
    {
        lock (_gate)
        {
            _records -= records;
            _bytes -= bytes;
            BufferedRecords.Set(_records);
            BufferedBytes.Set(_bytes);
        }
    }

    public sealed class Reservation(IngestBuffer buffer, int records, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                buffer.Release(records, bytes);
            }
        }
    }
}
