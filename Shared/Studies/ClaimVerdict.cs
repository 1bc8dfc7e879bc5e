namespace LocalityLab.Shared.Studies;

/// <summary>What a claim's 95% interval of the paired difference says (predicted sign positive).</summary>
public enum ClaimVerdict
{
    /// <summary>The interval lies above 0.</summary>
    Supported,

    /// <summary>The interval lies below 0.</summary>
    Contradicted,

    /// <summary>The interval contains or touches 0, or there are fewer than two pairs.</summary>
    NotResolved,

    /// <summary>
    /// The interval lies above 0, but the Gaussian clone passes the same test and the data's margin over it is not
    /// resolved: not evidence for the hypothesis (SCIENCE.md, "Wording a claim").
    /// </summary>
    NotSpecific,
}
