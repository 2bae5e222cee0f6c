using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>One ingest call as the log holds it: the version it went to, its token (so a replay is applied once) and its records.</summary>
public sealed record IngestLogEntry(string VersionKey, IngestToken Token, PredictionBatch[] Batches);
