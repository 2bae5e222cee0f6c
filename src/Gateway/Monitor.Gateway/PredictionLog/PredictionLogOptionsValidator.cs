using Microsoft.Extensions.Options;

namespace Monitor.Gateway.PredictionLog;

/// <summary>Refuses prediction log settings that cannot work, naming the setting and the reason.</summary>
internal sealed class PredictionLogOptionsValidator : IValidateOptions<PredictionLogOptions>
{
    public const long MinFileBytes = 4 * 1024;

    public ValidateOptionsResult Validate(string? name, PredictionLogOptions options)
    {
        var failures = new List<string>();
        var section = PredictionLogOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{section}:{nameof(options.Directory)} must name a directory.");
        }

        if (options.MaxFileBytes < MinFileBytes)
        {
            failures.Add($"{section}:{nameof(options.MaxFileBytes)} must be at least {MinFileBytes} bytes (it is {options.MaxFileBytes}).");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.FlushInterval)} must be positive (it is {options.FlushInterval}).");
        }

        if (options.RetainedFiles is < 0)
        {
            failures.Add($"{section}:{nameof(options.RetainedFiles)} must be 0 (keep all) or more (it is {options.RetainedFiles}).");
        }

        if (options.MaxTotalBytes < 0 || (options.MaxTotalBytes > 0 && options.MaxTotalBytes < options.MaxFileBytes))
        {
            failures.Add($"{section}:{nameof(options.MaxTotalBytes)} must be 0 (no bound) or at least {nameof(options.MaxFileBytes)} ({options.MaxFileBytes}) (it is {options.MaxTotalBytes}).");
        }

        if (options.MaxAge < TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.MaxAge)} must be zero (no bound) or positive (it is {options.MaxAge}).");
        }

        if (options.FailureRetryInterval <= TimeSpan.Zero || options.ErrorLogInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.FailureRetryInterval)} and {nameof(options.ErrorLogInterval)} must be positive.");
        }

        if (options.MaxPendingRecords <= 0)
        {
            failures.Add($"{section}:{nameof(options.MaxPendingRecords)} must be positive (it is {options.MaxPendingRecords}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
