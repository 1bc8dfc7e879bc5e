using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>A worker's progress on a study condition it holds the claim of.</summary>
public sealed record StudyProgressReport(Guid Claim, StudyProgress Progress);
