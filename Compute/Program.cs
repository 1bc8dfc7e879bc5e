using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;

using var host = ComputeHost.Build();

return await ComputeCommandLine.Create(host.Services, Console.Out, Console.Error).Parse(args).InvokeAsync();
