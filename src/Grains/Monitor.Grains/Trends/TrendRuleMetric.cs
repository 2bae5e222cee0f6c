using Monitor.Grains.Alerting;
using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Trends;

/// <summary>The part of rule validation that judges a metric written as a trend expression.</summary>
public static class TrendRuleMetric
{
    /// <summary>
    /// Null for a plain metric name (<paramref name="inner"/> null) and for a valid expression (<paramref name="inner"/>:
    /// the metric it runs over, whose feature rules then apply); otherwise the problem, naming <c>metric</c>.
    /// </summary>
    public static FieldProblem? Check(string metric, out VersionMetricDescriptor? inner)
    {
        inner = null;
        if (!TrendExpression.LooksLikeExpression(metric))
        {
            return null;
        }

        if (!TrendExpression.TryParse(metric, out var expression, out var problem))
        {
            return new("metric", problem!);
        }

        inner = VersionMetricCatalog.Find(expression!.Metric);
        if (inner is null || !VersionSeriesCatalog.HasSeries(expression.Metric))
        {
            var what = inner is null ? "unknown metric" : "no series is kept of metric";
            return new("metric", $"{what} '{expression.Metric}' in {TrendFunctionNames.NameOf(expression.Function)}(); series: {string.Join(", ", VersionSeriesCatalog.All)}");
        }

        return null;
    }
}
