namespace LocalityLab.Web.Runs;

/// <summary>
/// Tells the workers a run was queued (submitted or resumed): in process, one of the web process's own workers wakes
/// (<see cref="RunQueue"/>); with remote workers, the run's job goes into the job store (Workers.HangfireRunDispatch).
/// </summary>
public interface IRunDispatch
{
    Task QueuedAsync(Guid runId, CancellationToken cancellationToken);
}
