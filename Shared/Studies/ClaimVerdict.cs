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
}
