namespace LocalityLab.Shared.Runs;

/// <summary>Runs queued together to be compared.</summary>
public enum FamilyKind
{
    /// <summary>The same spec on the NLGP, on its Gaussian clone, and with random pruning.</summary>
    Controls,

    /// <summary>One field varied over a list of values.</summary>
    Sweep,

    /// <summary>Runs chosen on the runs list and saved from the compare page, so the comparison has a page and can be shared.</summary>
    Comparison,
}
