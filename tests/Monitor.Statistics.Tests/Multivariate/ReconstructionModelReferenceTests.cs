using System.Text.Json;
using Monitor.Statistics.Multivariate;

namespace Monitor.Statistics.Tests.Multivariate;

/// <summary>
/// The PCA reconstruction drift against scikit-learn's figures (TestData/multivariate, made once by
/// generate_reconstruction_cases.py: SimpleImputer, StandardScaler and PCA as NannyML chains them; the held-out
/// chunk errors the threshold rests on with numpy).
/// </summary>
public sealed class ReconstructionModelReferenceTests
{
    public static TheoryData<string> Cases() => [.. Load().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitAndErrorMatchScikitLearn(string name)
    {
        var expected = Load().Single(c => c.GetProperty("name").GetString() == name);
        var reference = Columns(expected.GetProperty("reference"));
        var current = Columns(expected.GetProperty("current"));
        var options = new ReconstructionDriftOptions
        {
            VarianceToKeep = expected.GetProperty("variance_to_keep").GetDouble(),
            ReferenceChunks = expected.GetProperty("chunks").GetInt32(),
        };
        var names = reference.Select((_, j) => $"x{j}").ToArray();

        var model = ReconstructionModel.Fit(names, reference, options, out var reason);

        Assert.True(model is not null, reason);
        Assert.Equal(names, model.Features);
        AssertClose(Doubles(expected.GetProperty("means")), model.Means);
        AssertClose(Doubles(expected.GetProperty("scales")), model.Scales);
        Assert.Equal(expected.GetProperty("components").GetInt32(), model.ComponentCount);
        AssertClose(expected.GetProperty("variance_kept").GetDouble(), model.VarianceKept);
        AssertClose(Doubles(expected.GetProperty("chunk_errors")), model.ChunkErrors);
        AssertClose(Doubles(expected.GetProperty("held_out_chunk_errors")), model.HeldOutChunkErrors);
        AssertClose(expected.GetProperty("row_error_cap").GetDouble(), model.RowErrorCap);
        AssertClose(expected.GetProperty("threshold_mean").GetDouble(), model.ChunkMean);
        AssertClose(expected.GetProperty("threshold_std").GetDouble(), model.ChunkStandardDeviation);
        AssertClose(expected.GetProperty("reference_error").GetDouble(), model.Error(reference).Error);
        var (error, rows) = model.Error(current);
        AssertClose(expected.GetProperty("current_error").GetDouble(), error);
        Assert.Equal(current[0].Length, rows);

        // Without the cap the window's error is scikit-learn's plain mean distance.
        var plain = ReconstructionModel.Fit(names, reference, options with { RowErrorCapQuantile = 1 }, out _)!;
        AssertClose(expected.GetProperty("uncapped_current_error").GetDouble(), plain.Error(current).Error);
        Assert.True(double.IsPositiveInfinity(plain.RowErrorCap));
    }

    [Fact]
    public void OneFeatureWithSpreadIsNotEnough()
    {
        double[] spread = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] constant = [.. spread.Select(_ => 4.0)];

        var model = ReconstructionModel.Fit(["a", "b"], [spread, constant], ReconstructionDriftOptions.Default, out var reason);

        Assert.Null(model);
        Assert.Contains("two numeric features", reason);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertClose(expected[i], actual[i]);
        }
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static ReadOnlyMemory<double>[] Columns(JsonElement columns) =>
        [.. columns.EnumerateArray().Select(c => (ReadOnlyMemory<double>)c.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray())];

    private static List<JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "multivariate", "reconstruction-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
