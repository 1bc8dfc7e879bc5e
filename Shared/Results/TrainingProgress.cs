namespace LocalityLab.Shared.Results;

/// <summary>A live report from training, at least once a second.</summary>
public sealed record TrainingProgress(int Round, int TotalRounds, long Step, long StepsInRound, double Loss, double StepsPerSecond);
