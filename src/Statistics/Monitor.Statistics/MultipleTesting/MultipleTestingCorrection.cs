namespace Monitor.Statistics;

/// <summary>How p-values of several simultaneous tests are adjusted before comparing with alpha.</summary>
public enum MultipleTestingCorrection
{
    /// <summary>No adjustment: each test at alpha (the family-wise false alarm rate grows with the number of tests).</summary>
    None,

    /// <summary>p * m, capped at 1: controls the chance of any false alarm (family-wise error rate) at alpha.</summary>
    Bonferroni,

    /// <summary>Benjamini-Hochberg step-up: controls the expected share of false alarms among alarms (FDR) at alpha.</summary>
    BenjaminiHochberg,
}
