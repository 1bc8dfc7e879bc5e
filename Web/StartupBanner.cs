using LocalityLab.Shared.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LocalityLab.Web;

/// <summary>Prints where the lab is served and what it computes on, once the server listens.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, ILabEngine engine, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var info = engine.Device;
            foreach (var address in addresses)
            {
                logger.LogInformation("LocalityLab is running at {Url} (compute: {Device}, libtorch {Version}, {Threads} threads)",
                    address, info.Device, info.LibTorchVersion, info.Threads);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
