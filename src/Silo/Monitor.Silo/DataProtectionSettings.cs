using Microsoft.Extensions.Configuration;

namespace Monitor.Silo;

/// <summary>
/// Where the key ring that encrypts channel secrets at rest is kept (configuration section
/// <c>Monitor:DataProtection</c>). Every silo of a cluster must use the same key ring (a directory they
/// all mount), or a silo cannot read the secrets another one stored.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "Monitor:DataProtection";

    /// <summary>The key ring's directory; by default <c>keys</c> under the storage directory (<c>Monitor:Storage:Directory</c>).</summary>
    public string? KeyRingDirectory { get; set; }

    public static DataProtectionSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DataProtectionSettings>() ?? new();
}
