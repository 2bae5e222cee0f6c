namespace Monitor.Gateway.Security;

/// <summary>A configured key as the gateway holds it: its name, role, hash and rate limit; never the key.</summary>
public sealed record ApiKey(string Name, ApiKeyRole Role, byte[] Hash, double RequestsPerSecond, int Burst);
