using LocalityLab.Shared.Data;
using LocalityLab.Shared.Results;
using TorchSharp;

namespace LocalityLab.Compute.Data;

/// <summary>A generative source of two balanced classes (NLGP, its Gaussian clone, Ising).</summary>
internal interface IDataSource : IDisposable
{
    InputShape Shape { get; }

    /// <summary>
    /// n labelled inputs: exactly n / 2 of each class for even n (class 0 gets the extra one for odd n), in a random
    /// order. Every random number comes from <paramref name="generator"/>, so the same generator state gives
    /// bit-identical batches.
    /// </summary>
    LabeledBatch Sample(int n, torch.Generator generator, CancellationToken cancellationToken = default);

    /// <summary>
    /// E[x_0 x_d] of class <paramref name="label"/> at periodic distance d = 0..<paramref name="maxDistance"/> along
    /// the width axis; null when the source has no closed form (Ising).
    /// </summary>
    double[]? AnalyticCorrelationProfile(int label, int maxDistance);

    /// <summary>
    /// Set when the latent kernel of class <paramref name="label"/> as asked for is not a valid covariance on this
    /// lattice and the source samples the nearest valid one instead; null when it is sampled as asked (or has no kernel).
    /// </summary>
    KernelClipping? LatentKernelClipping(int label);
}
