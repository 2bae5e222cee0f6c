using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Monitor.Grains;
using Monitor.Grains.Drift;
using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor drift --reference ref.csv --current cur.csv</c>: the drift report for a production export against
/// a training set, offline, the same report the API gives for a live window.
/// </summary>
public static class DriftCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(MonitorJson.Options) { WriteIndented = true };

    public static Command Create()
    {
        var reference = new Option<FileInfo>("--reference", "-r") { Description = "Reference (training) CSV with a header row.", Required = true };
        var current = new Option<FileInfo>("--current", "-c") { Description = "Current (production) CSV with a header row.", Required = true };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var test = new Option<string?>("--test") { Description = "Verdict test instead of the defaults: ks, cvm, psi, wasserstein, js (numeric); chi2, psi, js (categorical)." };
        test.AcceptOnlyFromAmong("ks", "psi", "wasserstein", "js", "chi2", "cvm");
        var alpha = new Option<double>("--alpha") { Description = "Significance level for p-value tests.", DefaultValueFactory = _ => 0.05 };
        alpha.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value < 1))
            {
                result.AddError("--alpha must lie strictly between 0 and 1.");
            }
        });
        var correction = new Option<string>("--correction") { Description = "Multiple-testing correction for the dataset verdict.", DefaultValueFactory = _ => "bonferroni" };
        correction.AcceptOnlyFromAmong("bonferroni", "bh", "none");
        var minSample = new Option<int>("--min-sample") { Description = "No verdict for a feature with fewer present values.", DefaultValueFactory = _ => 30 };
        minSample.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2)
            {
                result.AddError("--min-sample must be at least 2.");
            }
        });
        var numeric = new Option<string[]>("--numeric") { Description = "Columns to treat as numeric (comma-separated); others are inferred from the reference.", AllowMultipleArgumentsPerToken = true };
        var categorical = new Option<string[]>("--categorical") { Description = "Columns to treat as categorical (comma-separated), e.g. numeric codes.", AllowMultipleArgumentsPerToken = true };

        var command = new Command("drift", "Compare a current CSV with a reference CSV and print the drift report.")
        {
            reference, current, format, test, alpha, correction, minSample, numeric, categorical,
        };

        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                var declaredNumeric = Names(parse.GetValue(numeric));
                var declaredCategorical = Names(parse.GetValue(categorical));
                string? overlap = declaredNumeric.FirstOrDefault(declaredCategorical.Contains);
                if (overlap is not null)
                {
                    throw new CliInputException($"Column '{overlap}' is declared both numeric and categorical.");
                }

                DriftOptions options = Options(parse.GetValue(test), parse.GetValue(alpha), parse.GetValue(correction)!, parse.GetValue(minSample));
                CsvTable referenceTable = CsvTable.Read(parse.GetValue(reference)!.FullName);
                CsvTable currentTable = CsvTable.Read(parse.GetValue(current)!.FullName);
                (DriftReference prepared, List<DriftColumn> window, List<DriftColumn> referenceColumns) =
                    DriftInputs.Load(referenceTable, currentTable, declaredNumeric, declaredCategorical);
                // The same wire form as GET .../drift, so both say the same statuses and names.
                DriftReportDocument report = DriftReportMapper.Document(new DriftEngine(options).Evaluate(prepared, window)) with
                {
                    Multivariate = DriftMultivariate.Evaluate(referenceColumns, window, options.MinimumSampleSize),
                };

                if (parse.GetValue(format) == "table")
                {
                    DriftTable.Write(report, output);
                }
                else
                {
                    output.WriteLine(JsonSerializer.Serialize(report, IndentedJson));
                }

                return 0;
            }
            catch (Exception e) when (e is CliInputException or ArgumentException or IOException or UnauthorizedAccessException or Sylvan.Data.Csv.CsvFormatException)
            {
                error.WriteLine($"monitor drift: {e.Message}");
                return 1;
            }
        });

        return command;
    }

    private static HashSet<string> Names(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Maps the command-line choices onto engine options; --test applies to every feature kind it fits.</summary>
    public static DriftOptions Options(string? test, double alpha, string correction, int minimumSample)
    {
        DriftTest? numericTest = null, categoricalTest = null;
        if (test is not null)
        {
            if (!DriftTestExtensions.TryParse(test, out DriftTest parsed))
            {
                throw new CliInputException($"Unknown test '{test}'.");
            }

            numericTest = parsed.AppliesTo(FeatureKind.Numeric) ? parsed : null;
            categoricalTest = parsed.AppliesTo(FeatureKind.Categorical) ? parsed : null;
        }

        return new DriftOptions
        {
            Alpha = alpha,
            Correction = correction switch
            {
                "bh" => MultipleTestingCorrection.BenjaminiHochberg,
                "none" => MultipleTestingCorrection.None,
                _ => MultipleTestingCorrection.Bonferroni,
            },
            MinimumSampleSize = minimumSample,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            NumericTest = numericTest,
            CategoricalTest = categoricalTest,
        };
    }

    internal static string Format(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "nan",
        { } v when v != 0 && Math.Abs(v) < 1e-4 => v.ToString("0.00e+0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };
}
