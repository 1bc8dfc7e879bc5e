using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Studies;

/// <summary>
/// Wakes the study worker when a study is queued: the same wake-up channel as the runs' queue, a separate instance,
/// so a queued study never takes a run worker's wake-up. The database is the queue (<see cref="StudyStore.ClaimNextAsync"/>).
/// </summary>
public sealed class StudyQueue : RunQueue, IStudyDispatch;
