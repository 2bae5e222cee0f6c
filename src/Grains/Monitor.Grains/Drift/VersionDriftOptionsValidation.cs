using Microsoft.Extensions.Options;

namespace Monitor.Grains.Drift;

/// <summary>Refuses to start with unusable installation-wide drift defaults, naming the setting and the reason.</summary>
public sealed class VersionDriftOptionsValidation : IValidateOptions<VersionDriftOptions>
{
    public ValidateOptionsResult Validate(string? name, VersionDriftOptions options) =>
        options.Defaults.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
