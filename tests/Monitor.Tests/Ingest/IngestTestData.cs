using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Ingest;

namespace Monitor.Tests.Ingest;

/// <summary>Builds request bodies and parses them at a fixed server time.</summary>
internal static class IngestTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static long NowMs => Now.ToUnixTimeMilliseconds();

    public static PredictionParser Parser(IngestLimits? limits = null) =>
        new(limits ?? new IngestLimits(), new FakeTimeProvider(Now));

    public static IngestResult Parse(string body, IngestFormat format = IngestFormat.Json, IngestLimits? limits = null) =>
        Parser(limits).Parse(Encoding.UTF8.GetBytes(body), format);

    public static IngestResult Parse(byte[] body, IngestFormat format = IngestFormat.Json, IngestLimits? limits = null) =>
        Parser(limits).Parse(body, format);

    /// <summary>
    /// A valid record; each override replaces a field's raw JSON (or appends a new field), and a null
    /// value removes the field.
    /// </summary>
    public static string Record(params (string Key, string? Json)[] overrides)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("model", "\"fraud\""),
            new("version", "\"v1\""),
            new("features", "{\"amount\": 12.5, \"country\": \"DE\"}"),
            new("prediction", "1"),
            new("confidence", "0.9"),
            new("latency_ms", "12.5"),
            new("status", "\"success\""),
        };

        foreach (var (key, json) in overrides)
        {
            var at = fields.FindIndex(f => f.Key == key);
            if (json is null)
            {
                if (at >= 0)
                {
                    fields.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                fields[at] = new(key, json);
            }
            else
            {
                fields.Add(new(key, json));
            }
        }

        return "{" + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
    }

    public static string Array(params string[] records) => "[" + string.Join(",\n", records) + "]";

    /// <summary>Sequence equality that accepts collection expressions for nullable element types.</summary>
    public static void Seq<T>(IEnumerable<T> expected, IEnumerable<T> actual) => Assert.Equal(expected, actual);

    public static string Quoted(string s) => "\"" + s + "\"";

    public static byte[] Concat(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part switch
            {
                string s => Encoding.UTF8.GetBytes(s),
                byte[] b => b,
                _ => throw new ArgumentException("string or byte[]"),
            });
        }

        return bytes.ToArray();
    }
}
