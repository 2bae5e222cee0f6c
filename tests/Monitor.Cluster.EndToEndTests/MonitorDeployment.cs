using Monitor.Testing;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Redis, N silos and a gateway (an Orleans client), each a real process on loopback, sharing a fresh
/// service id. Checkpoints every <see cref="CheckpointInterval"/>; a dead silo is noticed after about
/// three one-second probes.
/// </summary>
public sealed class MonitorDeployment : IAsyncDisposable
{
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private readonly string _serviceId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("monitor-cluster-").FullName;
    private readonly List<(MonitorProcess Process, int SiloPort)> _silos = [];
    private MonitorProcess? _gateway;

    private MonitorDeployment(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public GatewayClient Gateway { get; private set; } = null!;

    public IReadOnlyList<(MonitorProcess Process, int SiloPort)> Silos => _silos;

    public static async Task<MonitorDeployment> StartAsync(int silos)
    {
        var deployment = new MonitorDeployment(await RedisServer.StartAsync());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                deployment.StartSilo();
            }

            deployment.StartGateway();
            await deployment.Gateway.WaitReadyAsync(TimeSpan.FromSeconds(90), () => deployment.Diagnostics);
            await deployment.WaitForSilosAsync(silos, TimeSpan.FromSeconds(60));
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    public string Diagnostics => string.Join('\n', _silos.Select(s => s.Process.Tail).Append(_gateway?.Tail ?? string.Empty));

    public MonitorProcess SiloAt(string endpoint) =>
        _silos.Single(s => endpoint.EndsWith(":" + s.SiloPort, StringComparison.Ordinal)).Process;

    public async Task WaitForSilosAsync(int active, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ActiveSilosAsync() != active)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the cluster did not reach {active} active silos\n{Diagnostics}");
            }

            await Task.Delay(250);
        }
    }

    private async Task<int> ActiveSilosAsync()
    {
        try
        {
            return (await Gateway.ClusterAsync()).Active;
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException or HttpRequestException)
        {
            // 503 while the cluster reconfigures.
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        foreach (var (silo, _) in _silos)
        {
            silo.Dispose();
        }

        Gateway?.Dispose();
        Redis.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private IEnumerable<string> Common() =>
    [
        "--Monitor:Cluster:Mode=redis",
        $"--Monitor:Cluster:RedisConnection={Redis.Connection}",
        $"--Monitor:Cluster:ServiceId={_serviceId}",
        $"--Monitor:Cluster:ClusterId={_serviceId}",
        "--Monitor:Cluster:ProbeTimeout=00:00:01",
        $"--Monitor:Windows:CheckpointInterval={CheckpointInterval:c}",
        // Every silo decrypts the channel secrets any other one stored.
        $"--Monitor:DataProtection:KeyRingDirectory={Path.Combine(_dataDirectory, "keys")}",
    ];

    /// <summary>One more silo joining the running cluster; waits until the cluster counts it.</summary>
    public async Task<MonitorProcess> AddSiloAsync()
    {
        var process = StartSilo();
        await WaitForSilosAsync(_silos.Count(s => !s.Process.HasExited), TimeSpan.FromSeconds(60));
        return process;
    }

    private MonitorProcess StartSilo()
    {
        var siloPort = FreePort.Next();
        var process = MonitorProcess.Start($"silo{_silos.Count + 1}", RepoLayout.SiloDll, Common().Concat(
        [
            $"--Monitor:Cluster:SiloPort={siloPort}",
            $"--Monitor:Cluster:GatewayPort={FreePort.Next()}",
            $"--Monitor:Silo:MetricsPort={FreePort.Next()}",
            "--Monitor:Silo:MetricsHost=127.0.0.1",
        ]));
        _silos.Add((process, siloPort));
        return process;
    }

    /// <summary>kill -9 of the gateway.</summary>
    public void KillGateway() => _gateway!.Kill();

    /// <summary>A new gateway process after <see cref="KillGateway"/>, on the same port and ingest log directory.</summary>
    public async Task RestartGatewayAsync()
    {
        _gateway!.Dispose();
        var port = Gateway.Http.BaseAddress!.Port;
        Gateway.Dispose();
        StartGateway(port);
        await Gateway.WaitReadyAsync(TimeSpan.FromSeconds(90), () => Diagnostics);
    }

    private void StartGateway(int? reusePort = null)
    {
        var port = reusePort ?? FreePort.Next();
        _gateway = MonitorProcess.Start("gateway", RepoLayout.GatewayDll, Common().Concat(
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Monitor:Gateway:CoHostSilo=false",
            $"--Monitor:PredictionLog:Directory={Path.Combine(_dataDirectory, "predictions")}",
            $"--Monitor:Durability:Directory={Path.Combine(_dataDirectory, "ingest-log")}",
            "--Monitor:Cluster:ResponseTimeout=00:00:05",
        ]));
        Gateway = new GatewayClient(new Uri($"http://127.0.0.1:{port}"));
    }
}
