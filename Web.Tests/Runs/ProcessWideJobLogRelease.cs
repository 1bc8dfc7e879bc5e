using Microsoft.Extensions.Hosting;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>
/// Hangfire logs through one process-wide provider, which a remote-mode host points at its own logger factory when it
/// configures the job store. A test process hosts many labs one after another; once such a host has stopped, its disposed
/// factory must not stay there, or every later Hangfire object in the process fails as it is made (InMemoryStorage's
/// constructor asks for a logger). A deployment has one host per process and never needs this.
/// </summary>
public sealed class ProcessWideJobLogRelease(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // After every hosted service (the job server too) has stopped, before the host disposes its logger factory.
        lifetime.ApplicationStopped.Register(() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
