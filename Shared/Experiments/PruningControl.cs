namespace LocalityLab.Shared.Experiments;

/// <summary>The controls the claims are compared against (SCIENCE.md, "IMP").</summary>
public enum PruningControl
{
    /// <summary>Iterative magnitude pruning.</summary>
    None,

    /// <summary>Random survivors removed, at the same per-round sparsity as IMP.</summary>
    RandomPruning,

    /// <summary>One magnitude pruning step from the dense net straight to IMP's final sparsity, then one retraining.</summary>
    OneShot,

    /// <summary>
    /// IMP's masks with the surviving weights redrawn from the initial distribution each round: does the mask alone
    /// carry locality? It follows an IMP run's masks, so it runs only inside a study, as a branch of its IMP replicate.
    /// </summary>
    RandomReinit,
}
