using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>A live report from a study: which condition and replicates are training, and their round's progress.</summary>
public sealed record StudyProgress(StudyCondition Condition, IReadOnlyList<int> Replicates, TrainingProgress Training);
