namespace LocalityLab.Shared.Experiments;

public enum RewindKind
{
    /// <summary>Survivors go back to their initial values.</summary>
    Init,

    /// <summary>Survivors go back to their values at step RewindStep of round 0 ("late rewinding").</summary>
    Step,

    /// <summary>No rewinding: survivors keep their trained values (fine-tuning).</summary>
    None,
}
