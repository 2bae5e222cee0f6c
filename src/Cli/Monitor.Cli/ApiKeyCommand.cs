using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor apikey --name ci --role ingest</c>: a new random API key (256 bits) and the SHA-256 hash
/// the gateway is configured with. The key is shown once; Monitor stores only the hash.
/// </summary>
public static class ApiKeyCommand
{
    public const string KeyPrefix = "mon_";

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "A name for the key (appears in logs and rate limits)", DefaultValueFactory = _ => "default" };
        var role = new Option<string>("--role") { Description = "What the key may do", DefaultValueFactory = _ => "ingest" };
        role.AcceptOnlyFromAmong("ingest", "read", "admin");
        var index = new Option<int>("--index") { Description = "Position in Monitor:Security:ApiKeys for the printed settings", DefaultValueFactory = _ => 0 };
        var command = new Command("apikey", "Make a new API key and print it with the hash to configure")
        {
            name, role, index,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var key = NewKey();
            var at = $"Monitor__Security__ApiKeys__{parse.GetValue(index)}";
            output.WriteLine($"key:  {key}");
            output.WriteLine($"hash: {HashOf(key)}");
            output.WriteLine();
            output.WriteLine("Give the key to its user (it is not stored anywhere) and configure the gateway with the hash, e.g.:");
            output.WriteLine($"  {at}__Name={parse.GetValue(name)}");
            output.WriteLine($"  {at}__Role={parse.GetValue(role)}");
            output.WriteLine($"  {at}__Hash={HashOf(key)}");
            return 0;
        });
        return command;
    }

    /// <summary>"mon_" and 32 random bytes, base64url: long and random enough that a plain hash stores it safely.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 of the key's UTF-8 bytes in lower-case hex, as the gateway compares it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
