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
}
