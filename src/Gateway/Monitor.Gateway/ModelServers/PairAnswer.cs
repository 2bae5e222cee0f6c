namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The answer to a body of several payloads (Open Inference Protocol pairs, BentoML lines): how many were
/// accepted, how many records (and labels) they gave, and each refused one's index, field and reason.
/// </summary>
public sealed record PairAnswer(int Accepted, int Records, int Rejected, IReadOnlyList<PairProblem> Errors, int Labels = 0);

public sealed record PairProblem(int Index, string Field, string Error);
