namespace Monitor.Gateway.Ingest;

/// <summary>How a request body carries its records.</summary>
public enum IngestFormat
{
    /// <summary>One JSON object, or a JSON array of objects.</summary>
    Json,

    /// <summary>Newline-delimited JSON: one object per line, blank lines ignored.</summary>
    Ndjson,
}

public static class IngestFormats
{
    /// <summary>JSON first, then NDJSON and its aliases: what a record endpoint accepts.</summary>
    public static readonly string[] NdjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

    /// <summary>NDJSON for application/x-ndjson (and its common aliases), JSON otherwise.</summary>
    public static IngestFormat FromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return IngestFormat.Json;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        foreach (var ndjson in NdjsonTypes)
        {
            if (mediaType.Equals(ndjson, StringComparison.OrdinalIgnoreCase))
            {
                return IngestFormat.Ndjson;
            }
        }

        return IngestFormat.Json;
    }
}
