namespace LocalityLab.Shared.Results;

/// <summary>A live report from training, at least once a second.</summary>
/// <param name="Round">The round training now, 0 for the dense network.</param>
/// <param name="TotalRounds">The last round's index (the spec's LastRound), not the count of rounds: the name is kept
/// for the hub's clients.</param>
/// <param name="MeasureSeconds">What the last round held the next one up by, 0 before any: its evaluation, pruning and
/// checkpoint. Its measures (the null, the cavity maps) run beside the next round's training and are not counted.</param>
public sealed record TrainingProgress(int Round, int TotalRounds, long Step, long StepsInRound, double Loss, double StepsPerSecond,
    double MeasureSeconds = 0);
