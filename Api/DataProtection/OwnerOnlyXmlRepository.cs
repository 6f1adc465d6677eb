using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Loans.Api.DataProtection;

/// <summary>
/// The file-system key ring with owner-only files: a key file readable by other users on the machine would let them
/// forge console cookies. Files are written with the process umask, so each is tightened to 0600 right after.
/// </summary>
internal sealed class OwnerOnlyXmlRepository(DirectoryInfo directory, ILoggerFactory loggers) : FileSystemXmlRepository(directory, loggers)
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public override void StoreElement(XElement element, string friendlyName)
    {
        base.StoreElement(element, friendlyName);
        Tighten(Directory);
    }

    public static void Tighten(DirectoryInfo directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in directory.EnumerateFiles("*.xml"))
        {
            if ((file.UnixFileMode & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file.FullName, OwnerOnly);
            }
        }
    }
}
