using System.Globalization;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// scikit-learn's GaussianNB on the digits data (TestData/make_digits_gaussiannb.py): a labelled reference and a
/// production set, each row two pixel features, the prediction, its confidence and the true label. The model
/// is over-confident: its mean confidence is about 0.99 where it is right about 82% of the time.
/// </summary>
public static class DigitsData
{
    public static string ReferenceCsv => File.ReadAllText(PathOf("digits_gaussiannb_reference.csv"));

    public static IReadOnlyList<Row> Reference => Read("digits_gaussiannb_reference.csv");

    public static IReadOnlyList<Row> Production => Read("digits_gaussiannb_production.csv");

    public sealed record Row(int Pixel20, int Pixel43, int Prediction, double Confidence, int Label);

    private static IReadOnlyList<Row> Read(string file) =>
    [
        .. File.ReadAllLines(PathOf(file)).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var c = line.Split(',');
            return new Row(Int(c[0]), Int(c[1]), Int(c[2]), double.Parse(c[3], CultureInfo.InvariantCulture), Int(c[4]));
        }),
    ];

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);
}
