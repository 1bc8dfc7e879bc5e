namespace LocalityLab.Shared.Experiments;

/// <summary>A pruning strategy the engine offers: the name a spec chooses it by (<see cref="PruningSpec.Strategy"/>) and its label.</summary>
public sealed record PruningStrategyInfo(string Name, string Label);
