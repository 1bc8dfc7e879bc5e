namespace LocalityLab.Shared.Experiments;

public enum PruningScope
{
    /// <summary>Each pruned layer loses the same fraction of its survivors (Pellegrini &amp; Biroli).</summary>
    Layerwise,

    /// <summary>The fraction is taken from all pruned layers' survivors ranked together (OpenLTH).</summary>
    Global,
}
