namespace LocalityLab.Shared.Results;

/// <summary>One weight layer after a round: how many weights it has, how many survive, the fraction pruned.</summary>
public sealed record LayerSparsity(int Layer, long Weights, long Surviving, double Sparsity, bool Pruned);
