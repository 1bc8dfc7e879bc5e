using LocalityLab.Bench.Engine;
using LocalityLab.Compute.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Configured as the engine is (appsettings.json, then environment variables such as Compute__Threads=2).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Configuration.AddLocalityLabSettings();
builder.Logging.ClearProviders();
builder.Services.AddLocalityLabCompute(builder.Configuration);
using var host = builder.Build();

var root = new System.CommandLine.RootCommand("LocalityLab's engine benchmarks: bench.sh runs them beside the PyTorch peer.")
{
    BenchmarkCommand.Create(host.Services, Console.Out, Console.Error),
};
return await root.Parse(args).InvokeAsync();
