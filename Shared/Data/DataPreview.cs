using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Data;

/// <summary>What the data designer shows: samples, the marginal, and the correlation profile, per class.</summary>
public sealed record DataPreview(
    InputShape Shape,
    IReadOnlyList<ClassPreview> Classes,
    MarginalHistogram Marginal);

/// <summary>Samples of one class (each row-major, laid out as Shape) and its correlation profile.</summary>
/// <param name="Distances">Periodic distance along one axis: 0, 1, ..., floor(W / 2).</param>
/// <param name="EmpiricalCorrelation">Correlation of pixels at each distance, averaged over positions and samples.</param>
/// <param name="AnalyticCorrelation">The closed form where one exists (NLGP and clone), else null.</param>
/// <param name="LatentClipping">Set when the latent kernel asked for is not a valid covariance here and a clipped one was sampled.</param>
public sealed record ClassPreview(
    int Label,
    float[][] Samples,
    int[] Distances,
    double[] EmpiricalCorrelation,
    double[]? AnalyticCorrelation,
    KernelClipping? LatentClipping = null);

/// <summary>Histogram of all pixel values of the preview samples, with their moments.</summary>
public sealed record MarginalHistogram(double[] BinEdges, long[] Counts, double Mean, double Variance, double ExcessKurtosis);
