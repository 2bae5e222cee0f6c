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
        return mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-jsonlines", StringComparison.OrdinalIgnoreCase)
            ? IngestFormat.Ndjson
            : IngestFormat.Json;
    }
}
