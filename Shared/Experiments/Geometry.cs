namespace LocalityLab.Shared.Experiments;

/// <summary>The periodic lattice the pixels live on.</summary>
public enum Geometry
{
    /// <summary>A ring of D pixels.</summary>
    Ring1D,

    /// <summary>An L x L torus, D = L * L.</summary>
    Torus2D,
}
