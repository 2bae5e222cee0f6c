using System.Text;
using Monitor.Gateway.Ingest;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The version a record is filed under: from the mapping's source, or by default the payload's
/// model_version, else the endpoint (KServe default/canary, Seldon's predictor), else "default".
/// </summary>
public static class VersionResolver
{
    public const string DefaultVersion = "default";

    public static string Resolve(ModelMapping mapping, string? modelVersion, VersionHints hints, int maxLength)
    {
        var (value, field) = mapping.Version switch
        {
            VersionSource.ModelVersion => (modelVersion, "model_version"),
            VersionSource.Endpoint => (hints.Endpoint, "ce-endpoint"),
            VersionSource.Annotation => (Lookup(hints.Annotations, mapping.VersionKey), $"ce-annotations.{mapping.VersionKey}"),
            VersionSource.Header => (Lookup(hints.Headers, mapping.VersionKey), $"header {mapping.VersionKey}"),
            VersionSource.Fixed => (mapping.VersionKey, "mapping.version_key"),
            _ => Auto(modelVersion, hints.Endpoint),
        };

        if (string.IsNullOrEmpty(value))
        {
            if (mapping.Version == VersionSource.Auto)
            {
                return DefaultVersion;
            }

            throw new PayloadException(field, $"the mapping takes the version from here, but the event has none");
        }

        return Name(value, field, maxLength);
    }

    /// <summary>A model or version name as Monitor keys them: letters, digits, '.', '_' and '-', at most the configured length.</summary>
    public static string Name(string value, string field, int maxLength)
    {
        if (value.Length > maxLength || !CharRules.IsName(Encoding.UTF8.GetBytes(value)))
        {
            throw new PayloadException(field, $"'{Shorten(value)}' is not a model or version name ({CharRules.NameCharsText}, at most {maxLength} characters)");
        }

        return value;
    }

    private static (string? Value, string Field) Auto(string? modelVersion, string? endpoint) =>
        !string.IsNullOrEmpty(modelVersion) ? (modelVersion, "model_version") : (endpoint, "ce-endpoint");

    private static string? Lookup(IReadOnlyDictionary<string, string>? values, string? key) =>
        key is not null && values is not null && values.TryGetValue(key, out var value) ? value : null;

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
