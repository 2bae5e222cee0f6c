namespace Monitor.Gateway.Durability;

/// <summary>The ingest log's options, validated, and the directory they resolve to.</summary>
public sealed record DurabilitySettings(DurabilityOptions Options, string Directory)
{
    public static DurabilitySettings From(IConfiguration configuration)
    {
        var options = configuration.GetSection(DurabilityOptions.Section).Get<DurabilityOptions>() ?? new DurabilityOptions();
        DurabilityServiceCollectionExtensions.Validate(options);
        return new DurabilitySettings(options, Path.GetFullPath(options.ResolveDirectory(configuration)));
    }
}
