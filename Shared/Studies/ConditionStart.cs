namespace LocalityLab.Shared.Studies;

/// <summary>How a replicate of a condition starts (SCIENCE.md: controls are branches, not copies).</summary>
public enum ConditionStart
{
    /// <summary>Its own trunk: trains its own dense round 0 from the replicate's seed.</summary>
    Trunk,

    /// <summary>From the same replicate's trained round 0 of IMP, on IMP's data, pruning with its own strategy.</summary>
    BranchOffImp,

    /// <summary>From IMP's round 0, following IMP's mask of every round with the survivors redrawn from the initial distribution.</summary>
    FollowImpMasks,
}
