using System.Net;

namespace Monitor.Client;

/// <summary>A read that Monitor answered with an error; <see cref="Exception.Message"/> is its problem detail.</summary>
public sealed class MonitorApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
