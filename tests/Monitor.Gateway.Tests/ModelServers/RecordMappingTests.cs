using System.Text;
using Monitor.Gateway.ModelServers;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.Tests.ModelServers;

public sealed class RecordMappingTests
{
    private static InferencePayload Read(string json, bool response = false) =>
        InferencePayloadReader.Read(Encoding.UTF8.GetBytes(json), response, null, PayloadLimits.Default);

    [Fact]
    public void Features_are_named_f0_to_fn_their_input_name_or_the_mapping_names()
    {
        var request = Read("""{"inputs": [{"name": "vec", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}, {"name": "age", "shape": [1], "datatype": "INT32", "data": [40]}]}""");
        var byDefault = FeatureTable.Build(request, ModelMapping.Default, null, PayloadLimits.Default, 128);
        Assert.Equal(["f0", "f1", "f2", "age"], byDefault.Columns.Select(c => c.Name));

        var mapped = FeatureTable.Build(request, ModelMapping.Default with { FeatureNames = ["a", "b", "c", "d"] }, null, PayloadLimits.Default, 128);
        Assert.Equal(["a", "b", "c", "d"], mapped.Columns.Select(c => c.Name));

        var ignored = FeatureTable.Build(request, ModelMapping.Default with { IgnoredInputs = ["vec"], SegmentInput = "age" }, null, PayloadLimits.Default, 128);
        Assert.Equal(["segment"], ignored.Columns.Select(c => c.Name));
        Assert.Equal("40", ignored.Columns[0].Texts![0]);

        Assert.Equal("mapping.feature_names", Assert.Throws<PayloadException>(() => FeatureTable.Build(request, ModelMapping.Default with { FeatureNames = ["a"] }, null, PayloadLimits.Default, 128)).Field);
        var tooWide = PayloadLimits.Default with { MaxFeatures = 3 };
        Assert.Contains("ignored_inputs", Assert.Throws<PayloadException>(() => FeatureTable.Build(request, ModelMapping.Default, null, tooWide, 128)).Reason);
    }

    [Fact]
    public void Predictions_default_to_the_first_output_and_a_vector_reads_as_argmax_with_its_max_as_confidence()
    {
        var response = Read("""{"outputs": [{"name": "proba", "shape": [2, 3], "datatype": "FP32", "data": [0.2, 0.5, 0.3, 0.9, 0.05, 0.05]}, {"name": "label", "shape": [2], "datatype": "BYTES", "data": ["b", "a"]}]}""", response: true);
        var byDefault = PredictionTable.Build(response, ModelMapping.Default);
        Assert.Equal([1.0, 0.0], byDefault.Numbers);
        Assert.Equal([0.5, 0.9], byDefault.Confidences);

        var named = PredictionTable.Build(response, ModelMapping.Default with { Prediction = OutputReading.Argmax, ClassNames = ["x", "y", "z"] });
        Assert.Equal(["y", "x"], named.Labels!.Select(t => t!));

        var label = PredictionTable.Build(response, ModelMapping.Default with { PredictionOutput = "label", ConfidenceOutput = "proba", Confidence = OutputReading.Max });
        Assert.Equal(["b", "a"], label.Labels!.Select(t => t!));
        Assert.Equal([0.5, 0.9], label.Confidences);

        Assert.Equal("mapping.prediction", Assert.Throws<PayloadException>(() => PredictionTable.Build(response, ModelMapping.Default with { PredictionOutput = "proba", Prediction = OutputReading.Value })).Field);
        var logits = Read("""{"predictions": [[2.5, -1.0]]}""", response: true);
        Assert.True(double.IsNaN(PredictionTable.Build(logits, ModelMapping.Default).Confidences[0]));
    }

    [Fact]
    public void Versions_come_from_the_mapping_source_or_model_version_then_endpoint_then_default()
    {
        var hints = new VersionHints("canary", new Dictionary<string, string> { ["rev"] = "r3" }, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Model-Version"] = "h1" });
        Assert.Equal("v2", VersionResolver.Resolve(ModelMapping.Default, "v2", hints, 64));
        Assert.Equal("canary", VersionResolver.Resolve(ModelMapping.Default, null, hints, 64));
        Assert.Equal("default", VersionResolver.Resolve(ModelMapping.Default, null, VersionHints.None, 64));
        Assert.Equal("r3", VersionResolver.Resolve(ModelMapping.Default with { Version = VersionSource.Annotation, VersionKey = "rev" }, "v2", hints, 64));
        Assert.Equal("h1", VersionResolver.Resolve(ModelMapping.Default with { Version = VersionSource.Header, VersionKey = "x-model-version" }, null, hints, 64));
        Assert.Equal("canary", VersionResolver.Resolve(ModelMapping.Default with { Version = VersionSource.Endpoint }, "v2", hints, 64));
        Assert.Equal("ce-annotations.missing", Assert.Throws<PayloadException>(() => VersionResolver.Resolve(ModelMapping.Default with { Version = VersionSource.Annotation, VersionKey = "missing" }, null, hints, 64)).Field);
        Assert.Throws<PayloadException>(() => VersionResolver.Resolve(ModelMapping.Default, "v 2/x", hints, 64));
    }
}
