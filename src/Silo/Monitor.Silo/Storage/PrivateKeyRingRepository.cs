using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Monitor.Silo.Storage;

/// <summary>
/// The Data Protection key ring as files in one directory, each key an XML file of mode 0600 in a
/// directory of mode 0700 (the stock file repository leaves files to the umask). A key is written to a
/// temporary file and renamed into place, so a reader never sees half of one.
/// </summary>
public sealed class PrivateKeyRingRepository : IXmlRepository
{
    private readonly string _directory;

    public PrivateKeyRingRepository(string directory)
    {
        _directory = Path.GetFullPath(directory);
        PrivateFiles.EnsureDirectory(_directory);
    }

    public string Directory => _directory;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory, "*.xml").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(path);
            elements.Add(XElement.Load(stream));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = IsSafe(friendlyName) ? friendlyName : Guid.NewGuid().ToString("D");
        var path = Path.Combine(_directory, name + ".xml");
        var temporary = Path.Combine(_directory, $".{name}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temporary, PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096)))
        {
            element.Save(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }

    private static bool IsSafe(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
