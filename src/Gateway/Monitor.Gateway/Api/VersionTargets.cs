using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Routing;

namespace Monitor.Gateway.Api;

/// <summary>
/// The version an endpoint acts on. Reading needs a registered version (404 otherwise); configuring one (its
/// reference, its drift settings) registers it, so a reference can be set before the version's first record.
/// </summary>
public sealed class VersionTargets(VersionRouter router, IOptions<IngestLimits> limits)
{
    /// <summary>Null when the version is registered; otherwise the 404 to answer.</summary>
    public async Task<IResult?> RequireAsync(string model, string version) =>
        await router.IsKnownAsync(model, version) ? null : Problems.UnknownVersion(model, version);

    /// <summary>Null once the version is registered (registering it if new); otherwise the problem to answer.</summary>
    public async Task<IResult?> EnsureAsync(string model, string version)
    {
        if ((Invalid("model", model) ?? Invalid("version", version)) is { } problem)
        {
            return problem;
        }

        if (await router.RegisterAsync(model, version))
        {
            return null;
        }

        return Problems.Field("version",
            $"Monitor already tracks its maximum number of model versions, so {model}/{version} cannot be added; raise Monitor:Registry:MaxVersions or retire versions",
            StatusCodes.Status409Conflict);
    }

    // The same rules as names in telemetry records: they become grain keys, file names and metric labels.
    private IResult? Invalid(string field, string name)
    {
        var max = limits.Value.MaxNameLength;
        return name.Length <= max && CharRules.IsName(Encoding.UTF8.GetBytes(name))
            ? null
            : Problems.Field(field, $"must be 1-{max} characters among {CharRules.NameCharsText}, got '{(name.Length <= 40 ? name : name[..40] + "…")}'");
    }
}
