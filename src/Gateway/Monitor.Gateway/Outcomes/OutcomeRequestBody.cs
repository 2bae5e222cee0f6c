using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Monitor.Gateway.Api;
using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.Outcomes;

/// <summary>Reads a whole request body up to a limit (answering 413 past it, as prediction ingest does) and parses it in place.</summary>
internal static class OutcomeRequestBody
{
    public static async Task<(T? Result, IResult? Problem)> ParseAsync<T>(HttpContext context, int limit, Func<ReadOnlySequence<byte>, IngestFormat, T> parse)
        where T : class
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var format = IngestFormats.FromContentType(context.Request.ContentType);
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
                var result = parse(BodyText.WithoutBom(buffer), format);
                reader.AdvanceTo(buffer.End);
                return (result, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static IResult TooLarge(int limit) =>
        Problems.Field("body", $"larger than the limit of {limit:N0} bytes; send fewer records per request", StatusCodes.Status413PayloadTooLarge);
}
