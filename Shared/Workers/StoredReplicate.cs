using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>How many rounds one replicate of one condition of a study has stored.</summary>
public sealed record StoredReplicate(StudyCondition Condition, int Replicate, int RoundsCompleted);
