using Hangfire.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// A worker the lab stops admitting (its key was changed under it) stops taking jobs: a job that ended on the lab's
/// refusal stops the worker, so it does not take and fail the next one too. The refused job itself has failed with the
/// run still open; the lab's sweeper queues it again for a worker the lab admits.
/// </summary>
public sealed class StopWhenRefused(IHostApplicationLifetime lifetime, ILogger<StopWhenRefused> logger) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context) => Observe(context?.Exception);

    /// <summary>Stops the worker when <paramref name="failure"/> is, or wraps, the lab's refusal; true when it did.</summary>
    public bool Observe(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is LabRefusedWorkerException refused)
            {
                logger.LogCritical("{Reason} The worker stops taking jobs.", refused.Message);
                lifetime.StopApplication();
                return true;
            }
        }
        return false;
    }
}
