using System.Text.Json;
using Monitor.Gateway.PredictionLog;

namespace Monitor.Gateway.Tests.PredictionLog;

internal static class LogFiles
{
    public static List<string> Lines(string directory) =>
        RollingLogFile.ListFiles(directory).SelectMany(ReadLines).ToList();

    public static List<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        Assert.True(text.Length == 0 || text.EndsWith('\n'), $"{path} ends in a partial line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public static List<string> Ids(IEnumerable<string> lines) =>
        lines.Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("id").GetString()!;
        }).ToList();
}
