using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;

namespace LocalityLab.Compute;

/// <summary>The engine's program: the command line (run, study, sample, presets, info) and the remote worker (worker).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var host = ComputeHost.Build();
        return await ComputeCommandLine.Create(host.Services, Console.Out, Console.Error).Parse(args).InvokeAsync();
    }
}
