using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;
using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Reads one feature's reference and current-window distributions for drawing them together: numbers in shared
/// bins with their ECDFs, categories with their counts in both samples. The window is the feature ring the drift
/// report evaluates; its time range comes from the newest recent batches, which hold the same records.
/// </summary>
public static class FeatureDistributionReader
{
    public const int MinBins = 2;
    public const int MaxBins = 200;
    public const int MaxTop = 200;

    // Enough to draw a smooth step function, few enough to stay small in a report.
    private const int EcdfPointsPerSample = 256;
    private const int MaxNamesListed = 50;

    public static FeatureDistributionLookup Read(
        string model, string version, PreparedReference? reference, FeatureRing? ring, RecentBatches recent, DistributionQuery query, DateTimeOffset now)
    {
        if (reference is null || ring is null)
        {
            return new FeatureDistributionLookup { HasReference = false };
        }

        var features = reference.Features.Features;
        var j = IndexOf(features, query.Feature);
        if (j < 0)
        {
            return new FeatureDistributionLookup { HasReference = true, Features = [.. features.Take(MaxNamesListed).Select(f => f.Name)] };
        }

        var feature = features[j];
        var (from, to) = TimeRange(recent, ring.Count);
        var kinds = ring.Kinds[j].AsSpan(0, ring.Count);
        int missing = 0, numbers = 0, texts = 0;
        foreach (var kind in kinds)
        {
            missing += kind is FeatureValueKind.Missing or FeatureValueKind.Null ? 1 : 0;
            numbers += kind == FeatureValueKind.Number ? 1 : 0;
            texts += kind == FeatureValueKind.Text ? 1 : 0;
        }

        var numeric = feature as NumericReferenceFeature;
        var current = new WindowSample
        {
            Records = ring.Count,
            WindowSize = ring.Capacity,
            Size = numeric is null ? numbers + texts : numbers,
            Missing = missing,
            WrongType = numeric is null ? 0 : texts,
            From = from,
            To = to,
        };
        var distribution = new FeatureDistribution
        {
            Model = model,
            Version = version,
            Feature = feature.Name,
            Kind = numeric is null ? "categorical" : "numeric",
            ReadAt = now,
            Reference = new ReferenceSample { Rows = reference.Rows, Size = feature.Count, Missing = feature.Missing, SetAt = reference.Data.SetAt },
            Current = current,
        };

        return new FeatureDistributionLookup
        {
            HasReference = true,
            Distribution = numeric is not null
                ? WithNumbers(distribution, numeric, ring, j, numbers, query.Bins)
                : WithCategories(distribution, (CategoricalReferenceFeature)feature, ring, j, query.Top),
        };
    }

    private static int IndexOf(IReadOnlyList<ReferenceFeature> features, string name)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (string.Equals(features[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static FeatureDistribution WithNumbers(FeatureDistribution distribution, NumericReferenceFeature feature, FeatureRing ring, int j, int present, int bins)
    {
        var values = new double[present];
        var kinds = ring.Kinds[j];
        var source = ring.Numbers[j];
        var k = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            if (kinds[i] == FeatureValueKind.Number)
            {
                values[k++] = source[i];
            }
        }

        Array.Sort(values);
        var histogram = SharedHistogram.Of(feature.Sorted, values, Math.Clamp(bins, MinBins, MaxBins));
        var referenceSteps = EcdfPoints.Of(feature.Sorted, EcdfPointsPerSample);
        var currentSteps = EcdfPoints.Of(values, EcdfPointsPerSample);
        return distribution with
        {
            Histogram = new DistributionHistogram
            {
                Edges = histogram.Edges,
                ReferenceCounts = histogram.FirstCounts,
                CurrentCounts = histogram.SecondCounts,
                WholeNumberBins = histogram.WholeNumberBins,
            },
            Ecdf = new DistributionEcdf
            {
                Reference = new EcdfSteps { X = referenceSteps.Values, P = referenceSteps.Shares },
                Current = new EcdfSteps { X = currentSteps.Values, P = currentSteps.Shares },
            },
        };
    }

    private static FeatureDistribution WithCategories(FeatureDistribution distribution, CategoricalReferenceFeature feature, FeatureRing ring, int j, int top)
    {
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        var kinds = ring.Kinds[j];
        var texts = ring.Texts[j];
        var numbers = ring.Numbers[j];
        for (var i = 0; i < ring.Count; i++)
        {
            // Numbers in a categorical feature are categories by their text form, as the drift tests count them.
            var label = kinds[i] switch
            {
                FeatureValueKind.Text when texts.Length > i => texts[i],
                FeatureValueKind.Number => NumberLabel.Of(numbers[i]),
                _ => null,
            };
            if (label is not null)
            {
                current[label] = current.GetValueOrDefault(label) + 1;
            }
        }

        var rows = new List<CategoryShare>(feature.Categories.Length + current.Count);
        for (var c = 0; c < feature.Categories.Length; c++)
        {
            var name = feature.Categories[c];
            rows.Add(new CategoryShare { Value = name, Reference = (long)feature.Counts[c], Current = current.GetValueOrDefault(name), InReference = true });
        }

        foreach (var (name, count) in current)
        {
            if (feature.IndexOf(name) < 0)
            {
                rows.Add(new CategoryShare { Value = name, Reference = 0, Current = count, InReference = false });
            }
        }

        // Most frequent first by the larger of the two shares, so a category that grew in the window is listed
        // as surely as one the reference had often; the samples' sizes differ.
        double referenceSize = Math.Max(1, feature.Count), currentSize = Math.Max(1, distribution.Current.Size);
        var ordered = rows
            .OrderByDescending(r => Math.Max(r.Reference / referenceSize, r.Current / currentSize))
            .ThenBy(r => r.Value, StringComparer.Ordinal)
            .ToList();
        var listed = Math.Clamp(top, 1, MaxTop);
        var rest = ordered.Skip(listed).ToList();
        return distribution with
        {
            Categories = ordered.Take(listed).ToList(),
            Other = rest.Count == 0 ? null : new OtherCategories { Categories = rest.Count, Reference = rest.Sum(r => r.Reference), Current = rest.Sum(r => r.Current) },
        };
    }

    /// <summary>The earliest and latest record time among the newest <paramref name="records"/> records.</summary>
    private static (DateTimeOffset? From, DateTimeOffset? To) TimeRange(RecentBatches recent, int records)
    {
        if (records == 0)
        {
            return (null, null);
        }

        long min = long.MaxValue, max = long.MinValue;
        recent.VisitNewest(records, (batch, i) =>
        {
            var t = batch.TimestampsMs[i];
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        });
        return min > max ? (null, null) : (DateTimeOffset.FromUnixTimeMilliseconds(min), DateTimeOffset.FromUnixTimeMilliseconds(max));
    }
}
