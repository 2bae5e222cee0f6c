namespace Monitor.Grains.Windows;

/// <summary>
/// The most recent raw latencies with their record times, so percentiles are numpy-exact whenever
/// every record of the asked period is still held. Remembers the newest record time it has dropped,
/// which tells whether a period is complete.
/// </summary>
[GenerateSerializer, Alias("monitor.LatencyRing")]
public sealed class LatencyRing
{
    [Id(0)] private readonly double[] _latencies;
    [Id(1)] private readonly long[] _timestamps;
    [Id(2)] private readonly bool[] _succeeded;
    [Id(3)] private int _next;
    [Id(4)] private int _count;
    [Id(5)] private long _newestDroppedMs = long.MinValue;

    public LatencyRing(int capacity)
    {
        _latencies = new double[Math.Max(1, capacity)];
        _timestamps = new long[_latencies.Length];
        _succeeded = new bool[_latencies.Length];
    }

    public int Count => _count;

    public void Add(long timestampMs, double latencyMs, bool succeeded)
    {
        if (_count == _latencies.Length)
        {
            _newestDroppedMs = Math.Max(_newestDroppedMs, _timestamps[_next]);
        }
        else
        {
            _count++;
        }

        _latencies[_next] = latencyMs;
        _timestamps[_next] = timestampMs;
        _succeeded[_next] = succeeded;
        _next = (_next + 1) % _latencies.Length;
    }

    /// <summary>True when no record with a time in [fromMs, ∞) has been dropped.</summary>
    public bool HoldsEverythingSince(long fromMs) => _newestDroppedMs < fromMs;

    /// <summary>Copies the latencies of records in [fromMs, toMs) into a new array and counts successes.</summary>
    public double[] Select(long fromMs, long toMs, out long successes)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_timestamps[i] >= fromMs && _timestamps[i] < toMs)
            {
                n++;
            }
        }

        var values = new double[n];
        successes = 0;
        var k = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_timestamps[i] >= fromMs && _timestamps[i] < toMs)
            {
                values[k++] = _latencies[i];
                successes += _succeeded[i] ? 1 : 0;
            }
        }

        return values;
    }
}
