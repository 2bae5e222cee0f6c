using System.Text;

namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>
/// One hostile request and what Monitor must answer: the status, the field a problem (or the refused
/// record's error) names, and how many records of the request must be kept. <see cref="Version"/> is
/// the version the kept records went to, read back from its summary.
/// </summary>
public sealed record HostileCase(
    string Name,
    HttpMethod Method,
    string Path,
    string? ContentType,
    byte[] Body,
    int Status,
    string? Field,
    int? Accepted = null,
    string? Version = null)
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public override string ToString() => Name;
}
