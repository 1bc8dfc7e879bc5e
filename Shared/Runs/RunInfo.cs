namespace LocalityLab.Shared.Runs;

/// <summary>A stored run as lists and pages show it.</summary>
/// <param name="SpecHash">SHA-256 of the canonical spec (seed included, name excluded): the run's identity.</param>
/// <param name="QueuePosition">1 for the next run to start, while Queued; otherwise null.</param>
/// <param name="TotalRounds">The rounds the spec asks for, round 0 included.</param>
/// <param name="StudyId">The study this run is a replicate of; such a run is managed (cancelled, resumed, deleted) with its study.</param>
/// <param name="Seed">The spec's seed, so runs of one name can be told apart in lists.</param>
/// <param name="ComputedBy">The lab build that last started computing it (LabVersion: version and commit); null before it started.</param>
public sealed record RunInfo(
    Guid Id,
    string Name,
    string Owner,
    RunStatus Status,
    string SpecHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int RoundsCompleted,
    int TotalRounds,
    int? QueuePosition,
    double? Sparsity,
    double? TestAccuracy,
    string DataSummary,
    Guid? StudyId = null,
    string? ComputedBy = null,
    long? Seed = null,
    string? ComputedOn = null);
