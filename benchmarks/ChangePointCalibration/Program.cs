using System.Diagnostics;
using System.Globalization;
using Monitor.Statistics.Trends;
using Monitor.Trends.Calibration;

// The change-point calibration of docs/trends.md: false alarms of the Page-Hinkley detector on long stationary
// series, and its delay on a step change, by seeded simulation. Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/ChangePointCalibration -- [--series 20] [--length 10000] [--seed 1] [--lambda 8]
int series = 20, length = 10_000, seed = 20261202, trials = 1000;
var options = PageHinkleyOptions.Default;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--series": series = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--length": length = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--trials": trials = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--lambda": options = options with { Lambda = double.Parse(value, CultureInfo.InvariantCulture) }; break;
        case "--delta": options = options with { Delta = double.Parse(value, CultureInfo.InvariantCulture) }; break;
        case "--warmup": options = options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) }; break;
        case "--clip": options = options with { Clip = double.Parse(value, CultureInfo.InvariantCulture) }; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}

if (options.Problem() is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

var detector = new PageHinkleyDetector(options);
var clock = Stopwatch.StartNew();
Console.WriteLine($"Page-Hinkley, warmup {options.Warmup}, delta {options.Delta}, lambda {options.Lambda}, clip {options.Clip}; seed {seed}.");
Console.WriteLine();
Console.WriteLine($"False alarms per 10,000 points ({series} stationary series of {length:N0} points each), and the share of {trials} independent windows of 60 and 240 points with any change found (what a rule judges at each evaluation):");
Console.WriteLine();
Console.WriteLine("| series | false alarms / 10,000 points | windows of 60 with an alarm | windows of 240 with an alarm |");
Console.WriteLine("| --- | --- | --- | --- |");
var cell = 0;
foreach (var family in StationarySeries.All)
{
    var rate = ChangePointTrials.FalseAlarmsPer10K(detector, family, length, series, seed + cell++);
    var short60 = ChangePointTrials.WindowFalseAlarmShare(detector, family, 60, trials, seed + cell++);
    var long240 = ChangePointTrials.WindowFalseAlarmShare(detector, family, 240, trials, seed + cell++);
    Console.WriteLine($"| {family.Name} | {rate:0.00} | {100 * short60:0.0}% | {100 * long240:0.0}% |");
}

double[] steps = [1, 2, 3, -2];
Console.WriteLine();
Console.WriteLine($"Step change after 100 points, {trials} trials: share detected within 100 points / median delay in points:");
Console.WriteLine();
Console.WriteLine("| series | " + string.Join(" | ", steps.Select(s => $"step {s:+0;-0} sd")) + " |");
Console.WriteLine("| --- | " + string.Join(" | ", steps.Select(_ => "---")) + " |");
foreach (var family in StationarySeries.All)
{
    var cells = steps.Select(s =>
    {
        var (detected, delay) = ChangePointTrials.StepDetection(detector, family, s, 100, 100, trials, seed + cell++);
        return $"{100 * detected:0.0}% / {delay:0}";
    });
    Console.WriteLine($"| {family.Name} | " + string.Join(" | ", cells) + " |");
}

Console.WriteLine();
Console.WriteLine($"({clock.Elapsed.TotalSeconds:0.0} s)");
return 0;
