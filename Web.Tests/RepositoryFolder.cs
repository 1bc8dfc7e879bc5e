namespace LocalityLab.Web.Tests;

/// <summary>The repository the tests were built from: the folder holding Web.sln above the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Path()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Web.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Web.sln not found above " + AppContext.BaseDirectory);
    }
}
