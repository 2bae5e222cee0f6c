using Microsoft.Extensions.Options;
using Monitor.Grains.Alerting.Targets;

namespace Monitor.Grains.Alerting;

/// <summary>Refuses to start with an allowed target network that is not a CIDR network, naming it.</summary>
public sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedTargetNetworks.Count; i++)
        {
            if (!TargetNetworkPolicy.TryParseNetwork(options.AllowedTargetNetworks[i], out _))
            {
                failures.Add($"{AlertingOptions.Section}:AllowedTargetNetworks:{i} '{options.AllowedTargetNetworks[i]}' is not a network in CIDR form such as 127.0.0.0/8 or fd00::/8");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
