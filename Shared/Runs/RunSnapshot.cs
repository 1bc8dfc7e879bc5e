using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Runs;

/// <summary>Everything a subscriber needs to catch up: the run, every stored round, and the latest progress.</summary>
public sealed record RunSnapshot(RunInfo Run, IReadOnlyList<RoundFrame> Rounds, TrainingProgress? Progress);
