using Hangfire;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Workers;

/// <summary>With remote workers, a queued run is a job in the job store; the first free worker takes it.</summary>
public sealed class HangfireRunDispatch(IBackgroundJobClient jobs) : IRunDispatch
{
    public Task QueuedAsync(Guid runId, CancellationToken cancellationToken)
    {
        jobs.Enqueue<IRunJob>(job => job.RunAsync(runId, CancellationToken.None));
        return Task.CompletedTask;
    }
}
