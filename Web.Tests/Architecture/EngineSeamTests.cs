using System.Text.RegularExpressions;
using LocalityLab.Compute.Hosting;

namespace LocalityLab.Web.Tests.Architecture;

/// <summary>
/// The seam between the lab and the engine (issues 13 and 24): Web references Shared and the engine library
/// (Compute.Engine), whose only public types are its face, so the compiler keeps Web to Shared's contracts
/// (<c>ILabEngine</c>) and the few types that wire the engine into a host. The source checks below are the backstop:
/// only the composition root (Program.cs) names even those.
/// </summary>
public sealed partial class EngineSeamTests
{
    /// <summary>The engine's face: how a host wires it in, and its one extension point (a pruning strategy of one's own).
    /// Every other engine type is internal.</summary>
    private static readonly string[] EngineFace =
    [
        "LocalityLab.Compute.Data.IdxFile",
        "LocalityLab.Compute.Data.IdxImages",
        "LocalityLab.Compute.Hosting.ComputeHost",
        "LocalityLab.Compute.Hosting.ComputeServiceCollectionExtensions",
        "LocalityLab.Compute.Hosting.ICudaProbe",
        "LocalityLab.Compute.Hosting.JobStoreServiceCollectionExtensions",
        "LocalityLab.Compute.Hosting.LocalityLabConfiguration",
        "LocalityLab.Compute.Pruning.IPruningStrategy",
        "LocalityLab.Compute.Pruning.PruningStrategies",
    ];

    [Fact]
    public void The_engine_library_exports_only_its_face()
    {
        var exported = typeof(ComputeServiceCollectionExtensions).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal);

        Assert.Equal(EngineFace, exported);
    }

    [Fact]
    public void Web_references_the_engine_library_but_not_the_command_line_or_the_worker_host()
    {
        var references = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("LocalityLab.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(["LocalityLab.Compute.Engine", "LocalityLab.Shared"], references);
    }

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
