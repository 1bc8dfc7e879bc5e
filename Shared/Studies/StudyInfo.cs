using LocalityLab.Shared.Runs;

namespace LocalityLab.Shared.Studies;

/// <summary>A stored study as lists and pages show it.</summary>
/// <param name="Identity">The study's identity (<see cref="StudySpec.Identity"/>).</param>
/// <param name="RoundsCompleted">Replicate rounds stored so far, over every condition and replicate.</param>
/// <param name="TotalRounds">Replicate rounds the study computes: the sum over conditions of R times the condition's rounds.</param>
/// <param name="QueuePosition">1 for the next study to start, while Queued; otherwise null.</param>
public sealed record StudyInfo(
    Guid Id,
    string Name,
    string Owner,
    RunStatus Status,
    string Identity,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int RoundsCompleted,
    int TotalRounds,
    int? QueuePosition,
    int Replicates,
    IReadOnlyList<StudyCondition> Conditions);
