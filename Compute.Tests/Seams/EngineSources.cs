using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LocalityLab.Compute.Tests.Seams;

/// <summary>The engine's sources compiled with Roslyn, for the tests that read what the engine's code does.</summary>
internal static class EngineSources
{
    public static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    public static string Folder { get; } = FindEngineFolder();

    private static string FindEngineFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var engine = Path.Combine(folder.FullName, "Compute.Engine");
            if (File.Exists(Path.Combine(engine, "Compute.Engine.csproj")))
            {
                return engine;
            }
        }
        throw new InvalidOperationException("Compute.Engine/Compute.Engine.csproj not found above the test's folder.");
    }

    /// <summary>The engine's own sources (not obj/ or bin/) against the assemblies the test runs with.</summary>
    public static CSharpCompilation Compile()
    {
        var sources = Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Parse, path: f))
            .Append(CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
                + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", Parse, path: "GlobalUsings.cs"));
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var references = platform.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManaged)
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create("EngineSources", sources, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static bool IsManaged(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
