using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Tests.Ingest;

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

    /// <summary>Checks the invariants every consumer of a batch relies on.</summary>
    public static void AssertWellFormed(PredictionBatch batch)
    {
        var n = batch.Count;
        Assert.True(n > 0);
        Assert.Equal(n, batch.TimestampsMs.Length);
        Assert.Equal(n, batch.LatenciesMs.Length);
        Assert.Equal(n, batch.Confidences.Length);
        Assert.Equal(n, batch.Succeeded.Length);
        Assert.Equal(n, batch.ErrorTypes.Length);
        Assert.Equal(n, batch.Ids.Length);
        Assert.Equal(n, batch.Predictions.Numbers.Length);
        Assert.True(batch.Predictions.Labels is null || batch.Predictions.Labels.Length == n);
        Assert.Equal(batch.Features.Length, batch.Features.Select(f => f.Name).Distinct().Count());
        for (var i = 0; i < n; i++)
        {
            Assert.True(batch.LatenciesMs[i] >= 0 && double.IsFinite(batch.LatenciesMs[i]));
            Assert.True(double.IsNaN(batch.Confidences[i]) || batch.Confidences[i] is >= 0 and <= 1);
            Assert.Equal(batch.Succeeded[i], batch.ErrorTypes[i] is null);
            Assert.False(batch.Predictions.IsLabel(i) && !double.IsNaN(batch.Predictions.Numbers[i]));
        }

        foreach (var feature in batch.Features)
        {
            Assert.Equal(n, feature.Kinds.Length);
            Assert.Equal(n, feature.Numbers.Length);
            Assert.True(feature.Texts is null || feature.Texts.Length == n);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(feature.Kinds[i] == FeatureValueKind.Number, !double.IsNaN(feature.Numbers[i]));
                Assert.True(double.IsFinite(feature.Numbers[i]) || double.IsNaN(feature.Numbers[i]));
                Assert.Equal(feature.Kinds[i] == FeatureValueKind.Text, feature.Texts?[i] is not null);
            }
        }
    }

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
