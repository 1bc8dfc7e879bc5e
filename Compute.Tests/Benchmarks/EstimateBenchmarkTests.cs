using System.Reflection;
using LocalityLab.Bench.Engine;

namespace LocalityLab.Compute.Tests.Benchmarks;

/// <summary>
/// The estimate benchmark times whole runs in processes of their own, started from the engine's command line: an
/// application dotnet can start (it once pointed at the engine library, which has neither an entry point nor a runtime
/// config, and the bench failed there). Read, not started: a child process forked from this one, while other tests
/// computed, made the reproducibility tests differ in the last bits on a loaded machine.
/// </summary>
public sealed class EstimateBenchmarkTests
{
    [Fact]
    public void The_program_it_starts_for_a_whole_run_is_the_engine_s_command_line()
    {
        var path = EstimateBenchmark.CommandLine;

        Assert.Equal("LocalityLab.Compute.dll", Path.GetFileName(path));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"no runtime config beside {path}");
        Assert.NotNull(AssemblyName.GetAssemblyName(path) is { } name ? Assembly.Load(name).EntryPoint : null);
    }
}
