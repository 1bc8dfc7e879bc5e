using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// One replicate's round of a study. A trunk's round 0 is also the round 0 of every control that branches off it,
/// so it is reported once for all of them: <see cref="Conditions"/> lists the branches first and the trunk last.
/// </summary>
public sealed record StudyRound(IReadOnlyList<StudyCondition> Conditions, int Replicate, RoundResult Result);
