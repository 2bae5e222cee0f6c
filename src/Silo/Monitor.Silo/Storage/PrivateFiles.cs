namespace Monitor.Silo.Storage;

/// <summary>
/// Monitor's data files (the grain store and its WAL, the prediction log, the key ring) are readable by
/// their owner alone: directories Monitor creates get mode 0700, files 0600. Directories that already
/// exist keep their mode (one may be shared, such as /tmp); the files in them are still made 0600. On
/// Windows, where modes do not apply, files and directories are created with the default ACLs.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory (and missing parents) with mode 0700 when it does not exist.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(parent))
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates an empty file with mode 0600 when it does not exist, or narrows an existing file to 0600.</summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (File.Exists(path))
        {
            if ((File.GetUnixFileMode(path) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(path, FileMode);
            }

            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created meanwhile by another opener: narrow it instead.
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Narrows an existing file to mode 0600; nothing when it does not exist.</summary>
    public static void NarrowIfExists(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~FileMode) != 0)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Options that create a file with mode 0600 (on Unix) and the given mode, access and sharing.</summary>
    public static FileStreamOptions CreateOptions(System.IO.FileMode mode, FileAccess access, FileShare share, int bufferSize)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows() && mode is not System.IO.FileMode.Open and not System.IO.FileMode.Truncate)
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
