using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Workers;

/// <summary>The worker's start-up line, once it takes jobs: its name, device, libtorch, threads, how many runs at once, its lease and its lab.</summary>
public sealed class WorkerBanner(ILabEngine engine, IOptions<ComputeOptions> options, IHostApplicationLifetime lifetime, ILogger<WorkerBanner> logger) : IHostedService
{
    public const string ReadyLine = "LocalityLab worker ready";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var device = engine.Device;
            var compute = options.Value;
            logger.LogInformation("{Ready}: {Worker}, device {Device} (asked: {Requested}), libtorch {LibTorch}, {Threads} threads, "
                + "{Runs} run(s) at once, lease {Lease} s, reporting to {Lab}",
                ReadyLine, device.WorkerNamed(compute.WorkerName), device.Device, device.RequestedDevice, device.LibTorchVersion, device.Threads,
                compute.MaxConcurrentRuns, compute.WorkerLeaseSeconds, compute.LabUrl);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
