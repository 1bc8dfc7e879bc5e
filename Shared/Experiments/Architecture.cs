namespace LocalityLab.Shared.Experiments;

public enum Architecture
{
    /// <summary>D -> K hidden -> 1 output.</summary>
    TwoLayer,

    /// <summary>D -> widths[0] -> ... -> widths[n-1] -> 1 output.</summary>
    Mlp,
}
