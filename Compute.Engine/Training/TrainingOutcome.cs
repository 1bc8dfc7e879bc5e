namespace LocalityLab.Compute.Training;

/// <summary>What one round of training did: its steps and the mean loss over its last epoch (or last 100 steps online).</summary>
internal sealed record TrainingOutcome(long Steps, double TrainLoss);
