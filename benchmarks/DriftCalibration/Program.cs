using System.Diagnostics;
using System.Globalization;
using Monitor.Statistics.Drift;
using Monitor.Testing.Calibration;

// The calibration study of docs/drift.md: false-alarm rate and power of each verdict test per feature family
// and sample sizes, by seeded simulation through the drift engine. Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/DriftCalibration -- [--trials 1000] [--seed 1] [--sizes quick|full] [--only null|power|legs]
int trials = 1000, seed = 20261202;
string sizes = "full", only = "all";
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--trials": trials = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--sizes": sizes = args[i + 1]; break;
        case "--only": only = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}

(int Window, int Reference)[] configs = sizes == "small"
    ? [(30, 30), (30, 300), (30, 3000), (100, 100), (100, 10000)]
    : sizes == "quick"
    ? [(30, 30), (30, 3000), (300, 3000), (1000, 5000), (1000, 100000)]
    : [(30, 30), (30, 300), (30, 3000), (100, 10000), (300, 300), (300, 3000), (1000, 1000), (1000, 5000), (1000, 100000), (10000, 100000), (100000, 100000)];

// Large samples cost their size per trial: fewer trials there (the rate's binomial error is stated).
static int TrialsFor(int trials, int window, int reference) => reference + window > 50000 ? Math.Max(100, trials / 5) : trials;

var clock = Stopwatch.StartNew();
int cell = 0;
if (only is "all" or "null")
{
    Console.WriteLine($"False alarms at alpha = 0.05 (share of {trials} trials with no drift; {Math.Max(100, trials / 5)} trials where reference + window > 50,000), per test and feature family; columns are window x reference.");
    Console.WriteLine();
    Console.WriteLine("| family | test | " + string.Join(" | ", configs.Select(c => $"{c.Window:N0} x {c.Reference:N0}")) + " |");
    Console.WriteLine("| --- | --- | " + string.Join(" | ", configs.Select(_ => "---")) + " |");
    foreach (FeatureFamily family in FeatureFamilies.All)
    {
        DriftTest[] tests = family.FewLevels ? [DriftTest.ChiSquared, DriftTest.CramerVonMises, DriftTest.KolmogorovSmirnov] : [DriftTest.CramerVonMises, DriftTest.KolmogorovSmirnov];
        foreach (DriftTest test in tests)
        {
            var rates = configs.Select(c => CalibrationTrials.Rate(family, test, c.Reference, c.Window, 0, TrialsFor(trials, c.Window, c.Reference), seed + cell++));
            Console.WriteLine($"| {family.Name} | {Name(test)} | " + string.Join(" | ", rates.Select(r => $"{100 * r:0.0}%")) + " |");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Dataset verdict (defaults, Bonferroni) on all {FeatureFamilies.All.Count} families as one dataset, no drift:");
    Console.WriteLine();
    Console.WriteLine("| " + string.Join(" | ", configs.Select(c => $"{c.Window:N0} x {c.Reference:N0}")) + " |");
    Console.WriteLine("| " + string.Join(" | ", configs.Select(_ => "---")) + " |");
    Console.WriteLine("| " + string.Join(" | ", configs.Select(c =>
        $"{100 * CalibrationTrials.DatasetRate(FeatureFamilies.All, c.Reference, c.Window, -1, 0, TrialsFor(trials, c.Window, c.Reference) / 2, seed + cell++):0.0}%")) + " |");

}

if (only is "all" or "power")
{
    Console.WriteLine();
    Console.WriteLine("Power: share of trials detected, window 1,000 against a reference of 5,000, one feature, alpha = 0.05 / 20 (a Bonferroni family of 20).");
    Console.WriteLine();
    Console.WriteLine("| family | shift | default verdict | Cramér-von Mises | KS (tie-aware) | KS (scipy's, as reported) | chi-squared |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
    (FeatureFamily Family, double Shift)[] shifts =
    [
        (FeatureFamilies.Continuous, 0.2), (FeatureFamilies.Binary, 0.05), (FeatureFamilies.Ratings5, 0.05), (FeatureFamilies.Ratings10, 0.05),
    (FeatureFamilies.Counts, 0.1), (FeatureFamilies.Uniform50, 0.1), (FeatureFamilies.HeavilyTied, 0.15), (FeatureFamilies.ZeroInflated, 0.05),
    (FeatureFamilies.Rounded, 0.1), (FeatureFamilies.Mixed, 0.15),
];
    foreach ((FeatureFamily family, double shift) in shifts)
    {
        int powerTrials = Math.Max(100, trials / 2);
        string Power(DriftTest? test) => test == DriftTest.ChiSquared && !family.FewLevels
            ? "-"
            : $"{100 * CalibrationTrials.Rate(family, test, 5000, 1000, shift, powerTrials, seed + cell++, 0.05 / 20):0.0}%";
        Console.WriteLine($"| {family.Name} | {shift.ToString(CultureInfo.InvariantCulture)} ({family.Shift}) | {Power(null)} | {Power(DriftTest.CramerVonMises)} | {Power(DriftTest.KolmogorovSmirnov)} | {100 * CalibrationTrials.ReportedRate(family, DriftTest.KolmogorovSmirnov, 5000, 1000, shift, powerTrials, seed + cell++, 0.05 / 20):0.0}% | {Power(DriftTest.ChiSquared)} |");
    }

}

if (only is "all" or "legs")
{
    // The discrete verdict (6 to 50 distinct values) is twice the smaller of two legs; the report carries both, so each
    // leg's power is read from the report's entries (seeded trials of their own, as the other rows).
    Console.WriteLine();
    Console.WriteLine("Power of each leg of the discrete verdict, as reported: window 1,000 against a reference of 5,000, one feature, alpha = 0.05 / 20.");
    Console.WriteLine();
    Console.WriteLine("| family | shift | default verdict | Cramér-von Mises leg | contingency leg (chi-squared) | KS (scipy's, as reported) |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
    (FeatureFamily Family, double Shift)[] discrete = [(FeatureFamilies.Ratings10, 0.05), (FeatureFamilies.Counts, 0.1), (FeatureFamilies.Uniform50, 0.1)];
    foreach ((FeatureFamily family, double shift) in discrete)
    {
        int powerTrials = Math.Max(100, trials / 2);
        string Reported(DriftTest test) => $"{100 * CalibrationTrials.ReportedRate(family, test, 5000, 1000, shift, powerTrials, seed + cell++, 0.05 / 20):0.0}%";
        string verdict = $"{100 * CalibrationTrials.Rate(family, null, 5000, 1000, shift, powerTrials, seed + cell++, 0.05 / 20):0.0}%";
        Console.WriteLine($"| {family.Name} | {shift.ToString(CultureInfo.InvariantCulture)} ({family.Shift}) | {verdict} | {Reported(DriftTest.CramerVonMises)} | {Reported(DriftTest.ChiSquared)} | {Reported(DriftTest.KolmogorovSmirnov)} |");
    }
}

Console.WriteLine();
Console.WriteLine($"({clock.Elapsed.TotalSeconds:0} s, seed {seed})");
return 0;

static string Name(DriftTest test) => test switch
{
    DriftTest.ChiSquared => "chi-squared",
    DriftTest.CramerVonMises => "Cramér-von Mises",
    DriftTest.KolmogorovSmirnov => "KS",
    _ => test.ToString(),
};
