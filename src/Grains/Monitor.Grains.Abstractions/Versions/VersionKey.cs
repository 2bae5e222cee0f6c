namespace Monitor.Grains.Versions;

/// <summary>The key of a model-version grain: "model/version". Both parts exclude '/'.</summary>
public static class VersionKey
{
    public static string Of(string model, string version) => string.Concat(model, "/", version);

    public static (string Model, string Version) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (key, string.Empty) : (key[..slash], key[(slash + 1)..]);
    }
}
