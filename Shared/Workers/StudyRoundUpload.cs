using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// One replicate's round of a study condition, on its way to the store: the conditions it belongs to (a trunk's round 0
/// is also its branches', listed first as the engine reports it), the replicate, and the round as a run's round travels.
/// </summary>
public sealed record StudyRoundUpload(IReadOnlyList<StudyCondition> Conditions, int Replicate, RoundUpload Round);
