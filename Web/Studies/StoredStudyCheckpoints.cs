using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Studies;

/// <summary>What a study has in the database, for the engine to resume from: each replicate run's last round, and any
/// stored round's checkpoint (read when the engine asks for it, not all at once).</summary>
public sealed class StoredStudyCheckpoints(
    StudyStore store, IReadOnlyDictionary<(StudyCondition Condition, int Replicate), (Guid RunId, int RoundsCompleted)> members)
    : IStudyCheckpoints
{
    public int? LastRound(StudyCondition condition, int replicate) =>
        members.TryGetValue((condition, replicate), out var member) && member.RoundsCompleted > 0 ? member.RoundsCompleted - 1 : null;

    public RoundCheckpoint? Checkpoint(StudyCondition condition, int replicate, int round) =>
        members.TryGetValue((condition, replicate), out var member) ? store.Checkpoint(member.RunId, round) : null;
}
