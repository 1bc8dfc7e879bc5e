namespace LocalityLab.Shared.Results;

/// <summary>
/// Everything needed to continue an experiment after round Round, giving the same results as an
/// uninterrupted run: the next round's masks, the rewind point, the trained weights, and the RNG states.
/// </summary>
public sealed record RoundCheckpoint(
    int Round,
    IReadOnlyList<NamedArray> NextMasks,
    IReadOnlyList<NamedArray> RewindWeights,
    IReadOnlyList<NamedArray> TrainedWeights,
    byte[] TrainingGeneratorState,
    byte[] DataGeneratorState,
    long TotalSteps);
