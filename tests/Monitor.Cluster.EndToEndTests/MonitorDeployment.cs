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
    private readonly List<(MonitorProcess Process, GatewayClient Client)> _moreGateways = [];
    private MonitorProcess? _gateway;

    private MonitorDeployment(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public GatewayClient Gateway { get; private set; } = null!;

    /// <summary>Every gateway: <see cref="Gateway"/> first, then those <see cref="AddGatewayAsync"/> started.</summary>
    public IReadOnlyList<GatewayClient> Gateways => [Gateway, .. _moreGateways.Select(g => g.Client)];

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

    public string Diagnostics => string.Join('\n', _silos.Select(s => s.Process.Tail).Append(_gateway?.Tail ?? string.Empty).Concat(_moreGateways.Select(g => g.Process.Tail)));

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
        foreach (var (process, client) in _moreGateways)
        {
            process.Dispose();
            client.Dispose();
        }

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

    /// <summary>One more silo, as a replacement for a killed one; returns once the cluster counts it.</summary>
    public async Task AddSiloAsync(int activeAfter)
    {
        _ = StartSilo();
        await WaitForSilosAsync(activeAfter, TimeSpan.FromSeconds(60));
    }

    /// <summary>A second (third...) gateway of the cluster, with an ingest log of its own.</summary>
    public async Task<GatewayClient> AddGatewayAsync()
    {
        var port = FreePort.Next();
        var name = $"gateway{_moreGateways.Count + 2}";
        var process = MonitorProcess.Start(name, RepoLayout.GatewayDll, GatewayArguments(port, name));
        var client = new GatewayClient(new Uri($"http://127.0.0.1:{port}"));
        _moreGateways.Add((process, client));
        await client.WaitReadyAsync(TimeSpan.FromSeconds(90), () => Diagnostics);
        return client;
    }

    /// <summary>kill -9 of a gateway <see cref="AddGatewayAsync"/> started (0 is the first of them).</summary>
    public void KillAddedGateway(int index) => _moreGateways[index].Process.Kill();

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
        _gateway = MonitorProcess.Start("gateway", RepoLayout.GatewayDll, GatewayArguments(port, "gateway"));
        Gateway = new GatewayClient(new Uri($"http://127.0.0.1:{port}"));
    }

    // Each gateway has its logs in directories of its own, as each container has its own volume.
    private IEnumerable<string> GatewayArguments(int port, string name)
    {
        var suffix = name == "gateway" ? string.Empty : "-" + name;
        return Common().Concat(
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Monitor:Gateway:CoHostSilo=false",
            $"--Monitor:PredictionLog:Directory={Path.Combine(_dataDirectory, "predictions" + suffix)}",
            $"--Monitor:Durability:Directory={Path.Combine(_dataDirectory, "ingest-log" + suffix)}",
            "--Monitor:Cluster:ResponseTimeout=00:00:05",
        ]);
    }
}
