namespace LocalityLab.Web.Studies;

/// <summary>
/// Tells the workers a study was queued (submitted or resumed): in process, the web process's study worker wakes
/// (<see cref="StudyQueue"/>); with remote workers, each condition's job goes into the job store (Workers.HangfireStudyDispatch).
/// </summary>
public interface IStudyDispatch
{
    Task QueuedAsync(Guid studyId, CancellationToken cancellationToken);
}
