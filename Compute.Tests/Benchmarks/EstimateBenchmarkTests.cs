using System.Diagnostics;
using LocalityLab.Bench.Engine;

namespace LocalityLab.Compute.Tests.Benchmarks;

/// <summary>
/// The estimate benchmark times whole runs in processes of their own, started from the engine's command line: an
/// application dotnet can start (it once pointed at the engine library, which has none, and the bench failed there).
/// </summary>
public sealed class EstimateBenchmarkTests
{
    [Fact]
    public async Task The_program_it_starts_for_a_whole_run_is_the_engine_s_command_line()
    {
        var path = EstimateBenchmark.CommandLine;
        Assert.Equal("LocalityLab.Compute.dll", Path.GetFileName(path));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"no runtime config beside {path}");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--help");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("run", await output, StringComparison.Ordinal);
    }
}
