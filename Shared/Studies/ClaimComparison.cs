namespace LocalityLab.Shared.Studies;

/// <summary>What a claim row compares (SCIENCE.md, "Wording a claim": round 0 matters).</summary>
public enum ClaimComparison
{
    /// <summary>IMP minus the control at one round, paired by replicate; at round 0, the dense network's gap.</summary>
    Gap,

    /// <summary>The gap at a round minus the same replicate's gap at round 0: what pruning added to it.</summary>
    Growth,
}
