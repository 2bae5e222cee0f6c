using Microsoft.AspNetCore.Http.Features;

namespace Monitor.Gateway.Api;

/// <summary>Reads a whole request body up to a limit, so an oversized upload is answered 413 with a problem, not cut off.</summary>
public static class RequestBody
{
    /// <summary>The body and its length, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<(byte[] Buffer, int Length)?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // The endpoint enforces its own limit (with a problem answer) instead of Kestrel's default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var buffer = new byte[(int)Math.Min(context.Request.ContentLength ?? 64 * 1024, limit) + 1];
        var length = 0;
        var body = context.Request.Body;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            if (read == 0)
            {
                return length > limit ? null : (buffer, length);
            }

            length += read;
        }
    }
}
