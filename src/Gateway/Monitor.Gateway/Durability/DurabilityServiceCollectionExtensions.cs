using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Gateway.Routing;
using Monitor.Grains.Ingest;
using Orleans.Serialization;

namespace Monitor.Gateway.Durability;

/// <summary>Registers the ingest log (or, when it is turned off, a log that keeps nothing).</summary>
public static class DurabilityServiceCollectionExtensions
{
    public static IServiceCollection AddIngestLog(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DurabilityOptions.Section).Get<DurabilityOptions>() ?? new DurabilityOptions();
        Validate(options);
        if (!options.Enabled)
        {
            services.AddSingleton<IIngestLog, NoIngestLog>();
            return services;
        }

        var directory = Path.GetFullPath(options.ResolveDirectory(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<SegmentCoverage>();
        services.AddSingleton<IngestLogMetrics>();
        services.AddSingleton(sp => new IngestLogFormat(sp.GetRequiredService<Serializer<PredictionBatch[]>>()));
        services.AddSingleton<IngestLogReader>();
        services.AddSingleton(sp => new IngestLogWriter(
            directory, sp.GetRequiredService<IngestLogFormat>(), options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SegmentCoverage>(), sp.GetRequiredService<ILogger<IngestLogWriter>>()));
        services.AddSingleton<IIngestLog>(sp => sp.GetRequiredService<IngestLogWriter>());
        services.AddSingleton<ICheckpointMarks, GrainCheckpointMarks>();
        services.AddSingleton(sp => new IngestLogTruncation(
            directory, sp.GetRequiredService<IngestLogWriter>(), sp.GetRequiredService<SegmentCoverage>(),
            sp.GetRequiredService<ICheckpointMarks>(), sp.GetRequiredService<ILogger<IngestLogTruncation>>()));
        services.AddSingleton(sp => new IngestLogReplay(
            sp.GetRequiredService<IngestLogReader>(), sp.GetRequiredService<SegmentCoverage>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<ClusterRetry>(), options, sp.GetRequiredService<IngestLogMetrics>(), sp.GetRequiredService<ILogger<IngestLogReplay>>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<IngestLogService>(sp, directory));
        services.AddHostedService(sp => sp.GetRequiredService<IngestLogService>());
        services.AddHealthChecks().AddCheck<IngestLogReadyCheck>("ingest-log", tags: ["ready"]);
        return services;
    }

    private static void Validate(DurabilityOptions options)
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
