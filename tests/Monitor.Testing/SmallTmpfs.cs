using System.Diagnostics;

namespace Monitor.Testing;

/// <summary>
/// A small tmpfs (2 MiB by default) mounted on a fresh directory, for tests of a full disk; unmounted and
/// removed on dispose. Mounting needs root (CI runs as root); <see cref="TryMount"/> returns null with the
/// reason where it cannot mount, and the test says so in its output.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs? TryMount(out string reason, string size = "2m")
    {
        var path = Directory.CreateTempSubdirectory("monitor-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"mount -t tmpfs failed ({code}): {output.Trim()}";
            return null;
        }

        reason = string.Empty;
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
