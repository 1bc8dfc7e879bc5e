using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Compute.Hosting;

/// <summary>
/// The engine's host for a program of its own (the command line, the benchmarks): configured from appsettings.json and
/// environment variables only, since the program's arguments belong to System.CommandLine; no log output.
/// </summary>
public static class ComputeHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddLocalityLabSettings();
        builder.Logging.ClearProviders();
        builder.Services.AddLocalityLabCompute(builder.Configuration);
        return builder.Build();
    }
}
