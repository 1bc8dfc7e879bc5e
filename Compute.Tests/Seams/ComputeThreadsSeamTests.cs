using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace LocalityLab.Compute.Tests.Seams;

/// <summary>
/// The engine leaves its caller's thread only through ComputeThreads, which sets the new thread's libtorch thread count
/// before any tensor work: a pool thread reached any other way computes its first matrix products at MKL's default
/// thread count, and a run's numbers then depend on which thread took them.
/// </summary>
public sealed class ComputeThreadsSeamTests
{
    private static readonly string Allowed = Path.Combine("Hosting", "ComputeThreads.cs");

    [Fact]
    public void The_engine_starts_work_on_another_thread_only_through_ComputeThreads()
    {
        var compilation = EngineSources.Compile();

        var found = compilation.SyntaxTrees
            .Where(tree => !tree.FilePath.EndsWith(Allowed, StringComparison.Ordinal))
            .SelectMany(tree => ThreadStarts(compilation, tree))
            .ToList();

        Assert.True(found.Count == 0, $"work started on another thread outside ComputeThreads:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void The_check_sees_a_thread_start_when_there_is_one()
    {
        var compilation = EngineSources.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "static class Probe { static System.Threading.Tasks.Task<int> Later() => System.Threading.Tasks.Task.Run(() => 1); "
            + "static void Spawn() => new System.Threading.Thread(() => { }).Start(); "
            + "static System.Threading.Tasks.Task Each() => System.Threading.Tasks.Parallel.ForEachAsync(new[] { 1 }, (i, t) => default); }",
            EngineSources.Parse, path: "Probe.cs"));
        var probe = compilation.SyntaxTrees.Single(t => t.FilePath == "Probe.cs");

        Assert.Equal(3, ThreadStarts(compilation, probe).Count());
    }

    /// <summary>Calls that run code on another thread: Task.Run, a TaskFactory's StartNew, Parallel's loops, ThreadPool, new Thread.</summary>
    private static IEnumerable<string> ThreadStarts(CSharpCompilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var method = model.GetOperation(node) switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (method is null)
            {
                continue;
            }
            string type = method.ContainingType.ToDisplayString();
            bool starts = type switch
            {
                "System.Threading.Tasks.Task" => method.Name == "Run",
                "System.Threading.Tasks.TaskFactory" or "System.Threading.Tasks.TaskFactory<TResult>" => method.Name == "StartNew",
                "System.Threading.Tasks.Parallel" or "System.Threading.ThreadPool" or "System.Threading.Thread" =>
                    type != "System.Threading.Thread" || method.MethodKind == MethodKind.Constructor,
                _ => false,
            };
            if (starts)
            {
                yield return $"{Path.GetRelativePath(EngineSources.Folder, tree.FilePath)}:{tree.GetLineSpan(node.Span).StartLinePosition.Line + 1}: {node}";
            }
        }
    }
}
