namespace LocalityLab.Shared.Studies;

/// <summary>
/// What one arm of a study runs. Replicate r of every condition shares its initialisation and data order
/// (SCIENCE.md, "Statistics: what a claim needs"), so conditions are compared pairwise by replicate.
/// </summary>
public enum StudyCondition
{
    /// <summary>Iterative magnitude pruning on the spec's data.</summary>
    Imp,

    /// <summary>Iterative magnitude pruning on the Gaussian clone of the spec's data (same mean and covariance).</summary>
    GaussianClone,

    /// <summary>One magnitude pruning step from the dense net straight to IMP's final sparsity (its round 1).</summary>
    OneShot,

    /// <summary>Random survivors removed, at the same per-round sparsity as IMP.</summary>
    RandomPruning,

    /// <summary>IMP's masks with the surviving weights randomly reinitialised.</summary>
    RandomReinit,
}
