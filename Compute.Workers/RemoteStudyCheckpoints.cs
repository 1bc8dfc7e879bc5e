using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// What a study has stored, as a remote worker sees it: every replicate's stored round count from the assignment, and
/// a checkpoint fetched from the lab when the engine asks for it (synchronously: the engine asks while it sets its
/// replicates up, off the request path).
/// </summary>
public sealed class RemoteStudyCheckpoints(LabWorkerApi lab, Guid studyId, IReadOnlyList<StoredReplicate> stored, CancellationToken cancellationToken)
    : IStudyCheckpoints
{
    public int? LastRound(StudyCondition condition, int replicate) =>
        stored.FirstOrDefault(s => s.Condition == condition && s.Replicate == replicate) is { RoundsCompleted: > 0 } found ? found.RoundsCompleted - 1 : null;

    public RoundCheckpoint? Checkpoint(StudyCondition condition, int replicate, int round) =>
        lab.StudyCheckpointAsync(studyId, condition, replicate, round, cancellationToken).GetAwaiter().GetResult();
}
