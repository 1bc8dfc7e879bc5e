using System.Text.RegularExpressions;

namespace LocalityLab.Compute.Tests.Seams;

/// <summary>
/// The command line (Compute/Cli) and the remote worker host (Compute.Workers) use the engine only through its face,
/// <c>ILabEngine</c> (issues 13 and 24). The compiler holds most of it, since the engine library's other types are
/// internal; this is the backstop for what it cannot hold: TorchSharp, which reaches them as the engine's dependency,
/// and an engine namespace named for one of the face's few public types. Read from the sources.
/// </summary>
public sealed partial class EngineFaceTests
{
    [GeneratedRegex(@"LocalityLab\.Compute\.(Data|Model|Training|Pruning|Measures|Runs|Studies|Statistics|Engine)\b|\bTorchSharp\.|using\s+(static\s+)?TorchSharp\b")]
    private static partial Regex EngineInternals();

    [Theory]
    [InlineData("Compute/Cli")]
    [InlineData("Compute.Workers")]
    public void Uses_the_engine_only_through_its_face(string folder)
    {
        var root = Path.Combine(Repository(), folder);
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
