using LocalityLab.Bench.Engine;
using LocalityLab.Compute.Hosting;

// Configured as the engine is (appsettings.json, then environment variables such as Compute__Threads=2).
using var host = ComputeHost.Build();

var root = new System.CommandLine.RootCommand("LocalityLab's engine benchmarks: bench.sh runs them beside the PyTorch peer.")
{
    BenchmarkCommand.Create(host.Services, Console.Out, Console.Error),
};
return await root.Parse(args).InvokeAsync();
