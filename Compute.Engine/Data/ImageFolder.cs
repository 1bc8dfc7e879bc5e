using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Data;

/// <summary>
/// The one folder (Compute:ImageFolder) a LocalImages spec may read: Data.ImagesPath and Data.LabelsPath name files
/// inside it, relative to it. A rooted path, a path that leaves the folder (.., or a link pointing out of it), a
/// missing file and an unreadable one are all refused with the same message, so a spec cannot tell which, and so cannot
/// probe the server's other files.
/// </summary>
internal sealed class ImageFolder
{
    public ImageFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>
    /// <paramref name="data"/> with its image and label names replaced by the full paths of the readable files they name
    /// inside the folder; any other source unchanged. Throws <see cref="ImageFileRefusedException"/> naming the field.
    /// </summary>
    public DataSpec Locate(DataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source != DataSource.LocalImages)
        {
            return data;
        }
        return data with
        {
            ImagesPath = Locate(data.ImagesPath, "Data.ImagesPath"),
            LabelsPath = Locate(data.LabelsPath, "Data.LabelsPath"),
        };
    }

    private string Locate(string? name, string field)
    {
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw Refused(field, name);
        }
        string path = Path.GetFullPath(Path.Combine(Root, name));
        if (!Inside(path))
        {
            throw Refused(field, name);
        }
        try
        {
            var file = new FileInfo(path);
            // Follow every link to its final target: a link inside the folder must not lead out of it.
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (target is null || !target.Exists || !Inside(Path.GetFullPath(target.FullName)) || !ParentsInside(target))
            {
                throw Refused(field, name);
            }
            using (target.OpenRead())
            {
            }
            return target.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw Refused(field, name, e);
        }
    }

    // A folder inside the root may itself be a link out of it: check every folder between the file and the root.
    private bool ParentsInside(FileInfo file)
    {
        for (var folder = file.Directory; folder is not null && Inside(folder.FullName); folder = folder.Parent)
        {
            if (folder.LinkTarget is not null)
            {
                var target = folder.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !Inside(Path.GetFullPath(target.FullName)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private bool Inside(string path) =>
        path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static ImageFileRefusedException Refused(string field, string? name, Exception? inner = null) =>
        new(field, $"{field}: '{name}' is not a readable file in the lab's image folder. Name an IDX file the server's "
            + "administrator placed there (Compute:ImageFolder in appsettings.json), by its path inside that folder, "
            + "e.g. 'mnist/train-images-idx3-ubyte'.", inner);
}
