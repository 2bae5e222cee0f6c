using Microsoft.AspNetCore.Http.Features;
using Monitor.Gateway.Api;

namespace Monitor.Gateway.ModelServers;

/// <summary>Reads a whole request body up to the ingest limit, answering 413 past it.</summary>
internal static class ServedBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return (null, TooLarge(limit));
            }

            if (read.IsCompleted)
            {
                var body = System.Buffers.BuffersExtensions.ToArray(buffer);
                reader.AdvanceTo(buffer.End);
                return (body, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static IResult TooLarge(int limit) =>
        Problems.Field("body", $"larger than the limit of {limit:N0} bytes (Monitor:Ingest:MaxBodyBytes); send fewer rows per request", StatusCodes.Status413PayloadTooLarge);
}
