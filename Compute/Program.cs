using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The command line belongs to System.CommandLine, not to configuration; appsettings.json and environment variables configure.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Configuration.AddLocalityLabSettings();
builder.Logging.ClearProviders();
builder.Services.AddLocalityLabCompute(builder.Configuration);
using var host = builder.Build();

return await ComputeCommandLine.Create(host.Services, Console.Out, Console.Error).Parse(args).InvokeAsync();
