using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>
/// A test-data file of model-server events (TestData/ModelServers): each event's CloudEvents attributes and
/// its body as the server emitted it. Events are rebuilt with the CNCF SDK and sent by it, in binary or
/// structured mode, their times moved so the first is at a chosen moment (the documented ones are years old).
/// </summary>
public sealed class ServedEventFile
{
    private ServedEventFile(string endpoint, IReadOnlyList<ServedEvent> events)
    {
        Endpoint = endpoint;
        Events = events;
    }

    public string Endpoint { get; }

    public IReadOnlyList<ServedEvent> Events { get; }

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "ModelServers", name);

    public static ServedEventFile Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        var root = document.RootElement;
        var events = root.GetProperty("events").EnumerateArray().Select(e => new ServedEvent(
            e.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            e.GetProperty("content_type").GetString()!,
            e.GetProperty("body").GetString()!)).ToList();
        return new ServedEventFile(root.GetProperty("endpoint").GetString()!, events);
    }

    /// <summary>The events with their times moved so the first one is at <paramref name="start"/>, gaps kept.</summary>
    public IReadOnlyList<ServedEvent> At(DateTimeOffset start)
    {
        var first = DateTimeOffset.Parse(Events[0].Attributes["time"], System.Globalization.CultureInfo.InvariantCulture);
        return [.. Events.Select(e => e.Shifted(start - first))];
    }
}

public sealed record ServedEvent(IReadOnlyDictionary<string, string> Attributes, string ContentType, string Body)
{
    private static readonly JsonEventFormatter Formatter = new();

    public string Id => Attributes["id"];

    public string Type => Attributes["type"];

    public ServedEvent Shifted(TimeSpan by)
    {
        var attributes = new Dictionary<string, string>(Attributes);
        foreach (var name in new[] { "time", "recordedtime" })
        {
            if (attributes.TryGetValue(name, out var text))
            {
                // Kept to the tick: KServe's times carry nanoseconds, which DateTimeOffset rounds to 100 ns.
                attributes[name] = (DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) + by).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return this with { Attributes = attributes };
    }

    public ServedEvent With(string attribute, string value) =>
        this with { Attributes = new Dictionary<string, string>(Attributes) { [attribute] = value } };

    public ServedEvent WithBody(string body) => this with { Body = body };

    /// <summary>The event as the SDK builds it from its attributes; <paramref name="jsonData"/> keeps the body as JSON data rather than bytes.</summary>
    public CloudEvent ToCloudEvent(bool jsonData = false)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.FromVersionId(Attributes["specversion"])!);
        foreach (var (name, value) in Attributes)
        {
            if (name != "specversion")
            {
                // Seldon's executor sends "http://:8000/", which is no URI the SDK can hold: the real header is put back after.
                cloudEvent.SetAttributeFromString(name, name == "source" && !Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _) ? "urn:placeholder" : value);
            }
        }

        cloudEvent.DataContentType = ContentType;
        cloudEvent.Data = jsonData ? JsonDocument.Parse(Body).RootElement.Clone() : Encoding.UTF8.GetBytes(Body);
        return cloudEvent;
    }

    /// <summary>The HTTP request the SDK sends for this event: binary mode (as KServe's and Seldon's loggers send), or structured mode.</summary>
    public HttpContent ToHttpContent(ContentMode mode = ContentMode.Binary, bool jsonData = false)
    {
        var content = ToCloudEvent(jsonData).ToHttpContent(mode, Formatter);
        if (mode == ContentMode.Binary && content.Headers.TryGetValues("ce-source", out var sent) && sent.Single() == "urn:placeholder")
        {
            content.Headers.Remove("ce-source");
            content.Headers.TryAddWithoutValidation("ce-source", Attributes["source"]);
        }

        return content;
    }
}
