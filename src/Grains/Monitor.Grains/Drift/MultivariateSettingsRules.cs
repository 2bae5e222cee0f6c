using System.Globalization;
using Monitor.Statistics.Multivariate;

namespace Monitor.Grains.Drift;

/// <summary>Checks a version's multivariate drift settings (each problem named by its field) and turns them into the model's options.</summary>
public static class MultivariateSettingsRules
{
    public static void Check(MultivariateDriftSettings? settings, List<FieldProblem> problems)
    {
        if (settings is null)
        {
            return;
        }

        if (!(settings.VarianceToKeep > 0 && settings.VarianceToKeep < 1))
        {
            problems.Add(new FieldProblem("multivariate.variance_to_keep", $"must lie strictly between 0 and 1, got {Text(settings.VarianceToKeep)}"));
        }

        if (settings.ReferenceChunks is < 2 or > 1000)
        {
            problems.Add(new FieldProblem("multivariate.reference_chunks", $"must be a whole number from 2 to 1,000, got {settings.ReferenceChunks}"));
        }

        CheckMultiplier("multivariate.lower_standard_deviations", settings.LowerStandardDeviations, problems);
        CheckMultiplier("multivariate.upper_standard_deviations", settings.UpperStandardDeviations, problems);
    }

    public static ReconstructionDriftOptions ToOptions(MultivariateDriftSettings settings) => new()
    {
        VarianceToKeep = settings.VarianceToKeep,
        ReferenceChunks = settings.ReferenceChunks,
        LowerStandardDeviations = settings.LowerStandardDeviations,
        UpperStandardDeviations = settings.UpperStandardDeviations,
    };

    private static void CheckMultiplier(string field, double value, List<FieldProblem> problems)
    {
        if (!(value > 0 && value <= 100))
        {
            problems.Add(new FieldProblem(field, $"must be a positive number of standard deviations, at most 100, got {Text(value)}"));
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
