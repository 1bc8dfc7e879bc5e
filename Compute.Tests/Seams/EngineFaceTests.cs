using System.Text.RegularExpressions;

namespace LocalityLab.Compute.Tests.Seams;

/// <summary>
/// Inside Compute, the command line (Cli/) and the remote worker (Workers/) sit apart from the engine and use only its
/// face, <c>ILabEngine</c> (issue 13): they name no engine namespace but the host's (Hosting: building the engine's
/// host) and no TorchSharp type. Read from the sources.
/// </summary>
public sealed partial class EngineFaceTests
{
    [GeneratedRegex(@"LocalityLab\.Compute\.(Data|Model|Training|Pruning|Measures|Runs|Studies|Statistics|Engine)\b|\bTorchSharp\.|using\s+(static\s+)?TorchSharp\b")]
    private static partial Regex EngineInternals();

    [Theory]
    [InlineData("Cli")]
    [InlineData("Workers")]
    public void Uses_the_engine_only_through_its_face(string folder)
    {
        var root = Path.Combine(Repository(), "Compute", folder);
        var files = Directory.EnumerateFiles(root, "*.cs").ToList();
        var leaks = files.Where(f => EngineInternals().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.NotEmpty(files);
        Assert.Empty(leaks);
    }

    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Web.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Web.sln not found above " + AppContext.BaseDirectory);
    }
}
