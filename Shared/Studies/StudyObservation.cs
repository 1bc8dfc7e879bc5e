namespace LocalityLab.Shared.Studies;

/// <summary>
/// One replicate's round of one condition. A key missing from <paramref name="Values"/>, or a NaN value, means
/// "not measured" and is skipped by the statistics.
/// </summary>
/// <param name="Replicate">0-based; the same replicate of every condition shares initialisation and data order.</param>
/// <param name="Round">0 is the dense network.</param>
/// <param name="Sparsity">Fraction of prunable weights removed so far.</param>
/// <param name="Values">Scalar measures by <see cref="StudyMeasures"/> key.</param>
public sealed record StudyObservation(
    StudyCondition Condition, int Replicate, int Round, double Sparsity, IReadOnlyDictionary<string, double> Values);
