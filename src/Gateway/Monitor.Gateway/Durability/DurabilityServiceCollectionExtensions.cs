using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Grains.Ingest;
using Orleans.Serialization;

namespace Monitor.Gateway.Durability;

/// <summary>Registers the ingest log (or, when it is turned off, a log that keeps nothing).</summary>
public static class DurabilityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ingest log, configured from <c>Monitor:Durability</c> when the host's configuration is complete
    /// (so settings a test host or a later configuration source adds apply as well).
    /// </summary>
    public static IServiceCollection AddIngestLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DurabilitySettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<DurabilitySettings>().Options);
        services.AddSingleton<SegmentCoverage>();
        services.AddSingleton<IngestLogMetrics>();
        services.AddSingleton(sp => new IngestLogFormat(sp.GetRequiredService<Serializer<PredictionBatch[]>>()));
        services.AddSingleton<IngestLogReader>();
        services.AddSingleton(sp => new IngestLogWriter(
            sp.GetRequiredService<DurabilitySettings>().Directory, sp.GetRequiredService<IngestLogFormat>(), sp.GetRequiredService<DurabilityOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SegmentCoverage>(), sp.GetRequiredService<ILogger<IngestLogWriter>>()));
        services.AddSingleton<IIngestLog>(sp => sp.GetRequiredService<DurabilityOptions>().Enabled ? sp.GetRequiredService<IngestLogWriter>() : new NoIngestLog());
        services.AddSingleton<ICheckpointMarks, GrainCheckpointMarks>();
        services.AddSingleton(sp => new IngestLogTruncation(
            sp.GetRequiredService<DurabilitySettings>().Directory, sp.GetRequiredService<IngestLogWriter>(), sp.GetRequiredService<SegmentCoverage>(),
            sp.GetRequiredService<ICheckpointMarks>(), sp.GetRequiredService<ILogger<IngestLogTruncation>>()));
        services.AddSingleton<IngestLogReplay>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<IngestLogService>(sp, sp.GetRequiredService<DurabilitySettings>().Directory));
        services.AddHostedService(sp => sp.GetRequiredService<IngestLogService>());
        services.AddSingleton(sp => new IngestChains(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<DurabilityOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IngestLogMetrics>()));
        services.AddHostedService<IngestChainSettlement>();
        services.AddHealthChecks().AddCheck<IngestLogReadyCheck>("ingest-log", tags: ["ready"]);
        return services;
    }

    internal static void Validate(DurabilityOptions options)
    {
        var problems = new List<string>();
        var section = DurabilityOptions.Section;
        if (options.FsyncInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:{nameof(options.FsyncInterval)} must be positive (it is {options.FsyncInterval}).");
        }

        if (options.SegmentBytes < 64 * 1024)
        {
            problems.Add($"{section}:{nameof(options.SegmentBytes)} must be at least 65536 (it is {options.SegmentBytes}).");
        }

        if (options.SegmentAge <= TimeSpan.Zero || options.TruncateInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:{nameof(options.SegmentAge)} and {nameof(options.TruncateInterval)} must be positive.");
        }

        if (options.ReplayParallelism < 1)
        {
            problems.Add($"{section}:{nameof(options.ReplayParallelism)} must be at least 1 (it is {options.ReplayParallelism}).");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
    }
}
