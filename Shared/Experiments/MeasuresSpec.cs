namespace LocalityLab.Shared.Experiments;

/// <summary>How the per-round measures are computed (SCIENCE.md, "Measures, per round").</summary>
public sealed record MeasuresSpec
{
    /// <summary>
    /// M, the seeded random placements of each unit's surviving weights that make the sparsity-matched null of spread
    /// (locality index) and of within-class |excess kurtosis| (non-Gaussianity index); costs K * M pre-activations per round.
    /// </summary>
    public int NullPermutations { get; init; } = 32;
}
