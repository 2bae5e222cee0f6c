namespace Monitor.Testing.Calibration;

/// <summary>
/// A simulated kind of feature users have: a sampler of n values, given a shift (0: the null). The shift's unit
/// depends on the family (sigmas, a mean factor, a share of mass moved) and is stated in its description.
/// </summary>
public sealed record FeatureFamily(string Name, string Shift, bool FewLevels, Func<SeededRandom, int, double, double[]> Sample);
