namespace Monitor.Statistics.Multivariate;

/// <summary>
/// The window's mean reconstruction error against the reference's PCA and the bounds it must stay within.
/// The bounds are scaled from the reference chunks' size to the window's rows (the error is a mean of
/// independent row distances, whose spread falls with the square root of the rows).
/// </summary>
/// <param name="Error">Mean Euclidean distance between the window's standardized rows and their reconstruction; NaN without rows.</param>
/// <param name="Rows">Rows of the window with at least one of the features present.</param>
/// <param name="Lower">Lower bound for the window's rows.</param>
/// <param name="Upper">Upper bound for the window's rows.</param>
/// <param name="Drifted">True when the error lies outside the bounds; null when the window has too few rows.</param>
public sealed record ReconstructionDriftResult(double Error, int Rows, double Lower, double Upper, bool? Drifted);
