namespace Monitor.Statistics;

/// <summary>How a p-value was obtained, as the drift report names it (<c>p_value_method</c>).</summary>
public static class NullMethods
{
    /// <summary>scipy's method for data without ties: exact for small samples, else its asymptotic form.</summary>
    public const string Exact = "exact";
    public const string Asymptotic = "asymptotic";

    /// <summary>The limiting null of the tied statistic: a weighted sum of chi-squares from the pooled cell probabilities.</summary>
    public const string TiedAsymptotic = "tie_asymptotic";

    /// <summary>Monte Carlo conditional permutation null in count space (mid-p).</summary>
    public const string Permutation = "permutation";

    /// <summary>Chi-squared after pooling cells whose expected counts are below 5.</summary>
    public const string PooledAsymptotic = "pooled_asymptotic";

    /// <summary>
    /// Discrete numeric features: twice the smaller of the tie-aware Cramér-von Mises and the contingency p-values
    /// (Bonferroni over the two), so a shift of the whole distribution and a change at one level are both caught.
    /// </summary>
    public const string DiscreteCombined = "cvm_and_chi_squared";

    /// <summary>scipy's continuous-data p-value kept on tied data: an upper bound, used when it is already far below alpha.</summary>
    public const string ContinuousOnTies = "continuous_null_on_ties";
}
