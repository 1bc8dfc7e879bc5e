using System.Text.RegularExpressions;

namespace LocalityLab.Web.Tests.Architecture;

/// <summary>
/// The seam between the lab and the engine (issue 13): Web reaches the engine through Shared's contracts
/// (<c>ILabEngine</c>), and only its composition root (Program.cs) names the in-process engine. Read from the sources.
/// </summary>
public sealed partial class EngineSeamTests
{
    /// <summary>The only file of Web that names engine types: the composition root, which wires in the in-process engine.</summary>
    private static readonly string[] CompositionRoot = ["Program.cs"];

    [GeneratedRegex(@"LocalityLab\.Compute\b|\bTorchSharp\.|using\s+TorchSharp\b|@using\s+TorchSharp\b")]
    private static partial Regex EngineType();

    private static IEnumerable<(string Path, string Text)> WebSources()
    {
        var web = Path.Combine(RepositoryFolder.Path(), "Web");
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(web, f))));
    }

    [Fact]
    public void No_page_or_component_names_an_engine_type()
    {
        var leaks = WebSources()
            .Where(f => (f.Path.StartsWith("Components/", StringComparison.Ordinal) || f.Path.EndsWith(".razor", StringComparison.Ordinal)
                || f.Path.EndsWith(".razor.cs", StringComparison.Ordinal)) && EngineType().IsMatch(f.Text))
            .Select(f => f.Path);

        Assert.Empty(leaks);
    }

    [Fact]
    public void Only_the_composition_root_names_engine_types()
    {
        var naming = WebSources().Where(f => EngineType().IsMatch(f.Text)).Select(f => f.Path).Order(StringComparer.Ordinal);

        Assert.Equal(CompositionRoot, naming);
    }
}
