using LocalityLab.Shared.Runs;

namespace LocalityLab.Shared.Studies;

/// <summary>One replicate of one condition of a study: a run of its own, opened by the run view.</summary>
public sealed record StudyReplicateRun(
    StudyCondition Condition, int Replicate, long Seed, Guid RunId, RunStatus Status, int RoundsCompleted, int TotalRounds, string? ComputedBy = null,
    string? ComputedOn = null);
