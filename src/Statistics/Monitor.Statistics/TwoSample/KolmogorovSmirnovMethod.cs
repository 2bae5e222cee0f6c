namespace Monitor.Statistics;

/// <summary>How the two-sample KS p-value is computed, as scipy's <c>method</c> argument.</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary>Exact when both samples have at most 10,000 values, asymptotic beyond.</summary>
    Auto,

    /// <summary>The exact null distribution (lattice-path counting); falls back to asymptotic when it cannot be computed.</summary>
    Exact,

    /// <summary>The one-sample Kolmogorov distribution at the effective size n1 n2 / (n1 + n2).</summary>
    Asymptotic,
}
