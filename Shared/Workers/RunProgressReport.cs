using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Workers;

/// <summary>A worker's progress on a run it holds the claim of.</summary>
public sealed record RunProgressReport(Guid Claim, TrainingProgress Progress);
