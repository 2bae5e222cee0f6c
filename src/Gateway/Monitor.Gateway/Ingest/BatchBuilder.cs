using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Turns the session's staged rows into one <see cref="PredictionBatch"/> per model version. Every
/// version's row and column counts are known by now, so each array is allocated once at its exact
/// size and filled in a single pass over the rows.
/// </summary>
internal static class BatchBuilder
{
    public static (IReadOnlyList<PredictionBatch> Batches, IReadOnlyList<int[]> RequestIndices) Build(ParseSession s)
    {
        var groups = s.Groups;
        if (s.RecordCount == 0)
        {
            return ([], []);
        }

        var columns = new Columns[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g].Rows > 0)
            {
                columns[g] = Columns.Allocate(groups[g]);
            }
        }

        var cells = s.Cells;
        foreach (ref readonly var record in s.Records)
        {
            var c = columns[record.Group];
            var row = record.Row;
            c.RequestIndices[row] = record.Index;
            c.Timestamps[row] = record.TimestampMs;
            c.Latencies[row] = record.LatencyMs;
            c.Confidences[row] = record.Confidence;
            c.Succeeded[row] = record.Succeeded;
            c.ErrorTypes[row] = record.ErrorType;
            c.Ids[row] = record.Id;
            c.Predictions[row] = record.PredictionNumber;
            if (c.Labels is not null)
            {
                c.Labels[row] = record.PredictionLabel;
            }

            foreach (ref readonly var cell in cells.Slice(record.CellStart, record.CellCount))
            {
                c.Kinds[cell.Column][row] = cell.Kind;
                if (cell.Kind == FeatureValueKind.Number)
                {
                    c.Numbers[cell.Column][row] = cell.Number;
                }
                else if (cell.Kind == FeatureValueKind.Text)
                {
                    c.Texts[cell.Column]![row] = cell.Text;
                }
            }
        }

        var batches = new List<PredictionBatch>(groups.Length);
        var indices = new List<int[]>(groups.Length);
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g].Rows > 0)
            {
                batches.Add(columns[g].ToBatch(groups[g], s.FeatureNames));
                indices.Add(columns[g].RequestIndices);
            }
        }

        return (batches, indices);
    }

    private sealed class Columns
    {
        public required int[] RequestIndices;
        public required long[] Timestamps;
        public required double[] Latencies;
        public required double[] Confidences;
        public required bool[] Succeeded;
        public required string?[] ErrorTypes;
        public required string?[] Ids;
        public required double[] Predictions;
        public string?[]? Labels;
        public required FeatureValueKind[][] Kinds;
        public required double[][] Numbers;
        public required string?[]?[] Texts;

        public static Columns Allocate(VersionGroup group)
        {
            var rows = group.Rows;
            var columnCount = group.ColumnCount;
            var columns = new Columns
            {
                RequestIndices = GC.AllocateUninitializedArray<int>(rows),
                Timestamps = GC.AllocateUninitializedArray<long>(rows),
                Latencies = GC.AllocateUninitializedArray<double>(rows),
                Confidences = GC.AllocateUninitializedArray<double>(rows),
                Succeeded = new bool[rows],
                ErrorTypes = new string?[rows],
                Ids = new string?[rows],
                Predictions = GC.AllocateUninitializedArray<double>(rows),
                Labels = group.HasLabels ? new string?[rows] : null,
                Kinds = new FeatureValueKind[columnCount][],
                Numbers = new double[columnCount][],
                Texts = new string?[columnCount][],
            };

            for (var k = 0; k < columnCount; k++)
            {
                // Rows that lack the feature stay Missing with NaN, as FeatureColumn documents.
                columns.Kinds[k] = new FeatureValueKind[rows];
                var numbers = GC.AllocateUninitializedArray<double>(rows);
                numbers.AsSpan().Fill(double.NaN);
                columns.Numbers[k] = numbers;
                columns.Texts[k] = group.ColumnHasText(k) ? new string?[rows] : null;
            }

            return columns;
        }

        public PredictionBatch ToBatch(VersionGroup group, Utf8Interner featureNames)
        {
            var features = new FeatureColumn[group.ColumnCount];
            for (var k = 0; k < features.Length; k++)
            {
                features[k] = new FeatureColumn
                {
                    Name = featureNames.Value(group.ColumnName(k))!,
                    Kinds = Kinds[k],
                    Numbers = Numbers[k],
                    Texts = Texts[k],
                };
            }

            return new PredictionBatch
            {
                Model = group.Model,
                Version = group.Version,
                Count = group.Rows,
                TimestampsMs = Timestamps,
                LatenciesMs = Latencies,
                Confidences = Confidences,
                Succeeded = Succeeded,
                ErrorTypes = ErrorTypes,
                Predictions = new PredictionColumn { Numbers = Predictions, Labels = Labels },
                Ids = Ids,
                Features = features,
            };
        }
    }
}
