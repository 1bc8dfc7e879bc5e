namespace LocalityLab.Shared.Experiments;

/// <summary>The IMP schedule. Sparsity after n rounds: 1 - (1 - FractionPerRound)^n.</summary>
public sealed record PruningSpec
{
    /// <summary>Pruning rounds after the dense round 0.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Fraction p of the surviving weights removed each round.</summary>
    public double FractionPerRound { get; init; } = 0.3;

    public PruningScope Scope { get; init; } = PruningScope.Layerwise;

    /// <summary>Indices of the pruned weight layers (0 = first). Null prunes every layer but the output layer.</summary>
    public int[]? Layers { get; init; }

    public RewindKind Rewind { get; init; } = RewindKind.Step;

    /// <summary>The step of round 0 that RewindKind.Step rewinds to.</summary>
    public int RewindStep { get; init; } = 100;

    public PruningControl Control { get; init; } = PruningControl.None;

    /// <summary>
    /// The engine's pruning strategy that chooses each round's next mask, by name (<see cref="Engine.ILabEngine.PruningStrategies"/>:
    /// "magnitude", "random", ...). Null leaves it to the control: magnitude, or random for the random-pruning control,
    /// which (like random reinitialisation) chooses its own and takes none.
    /// </summary>
    public string? Strategy { get; init; }
}
