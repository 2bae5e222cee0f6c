namespace Monitor.Gateway.Api;

/// <summary>The 202 answer to telemetry: how many records were accepted and why the others were not.</summary>
public sealed record IngestAnswer(int Accepted, int Rejected, IReadOnlyList<IngestAnswer.RecordProblem> Errors)
{
    public sealed record RecordProblem(int Index, string Error, string Reason);
}
