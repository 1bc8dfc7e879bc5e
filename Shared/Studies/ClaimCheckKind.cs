namespace LocalityLab.Shared.Studies;

/// <summary>A further interval a C3 verdict reads besides pruned-minus-kept (SCIENCE.md, "Wording a claim").</summary>
public enum ClaimCheckKind
{
    /// <summary>The mean cavity gain of the weights pruned next: the hypothesis needs it positive, whatever the difference says.</summary>
    PrunedGain,

    /// <summary>The same test on IMP's Gaussian-clone trunk (its pruned-minus-kept, verdict by the same rule).</summary>
    Clone,

    /// <summary>Pruned-minus-kept on the data minus on the clone, paired by replicate: the data's margin over the clone.</summary>
    VersusClone,
}
