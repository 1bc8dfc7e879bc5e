using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Workers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web;

/// <summary>Prints where the lab is served and what it computes on, once the server listens.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, ILabEngine engine, IOptions<ComputeOptions> compute, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var info = engine.Device;
            foreach (var address in addresses)
            {
                if (compute.Value.Workers == WorkerPlacement.Remote)
                {
                    logger.LogInformation("LocalityLab is running at {Url} (compute: remote workers taking runs from the job store; "
                        + "each worker's start-up line names its device)", address);
                }
                else
                {
                    logger.LogInformation("LocalityLab is running at {Url} (compute: {Device}, libtorch {Version}, {Threads} threads)",
                        address, info.Device, info.LibTorchVersion, info.Threads);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
