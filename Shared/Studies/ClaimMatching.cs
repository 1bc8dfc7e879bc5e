namespace LocalityLab.Shared.Studies;

/// <summary>Which of a control's rounds a claim sets against IMP's.</summary>
public enum ClaimMatching
{
    /// <summary>The same round, so the same sparsity: every round of IMP against the same round of the control.</summary>
    Round,

    /// <summary>
    /// The dense round 0 against the control's, and IMP's final round against the control's round 1, where a control
    /// that prunes straight to IMP's final sparsity (one-shot) gets there.
    /// </summary>
    FinalSparsity,
}
