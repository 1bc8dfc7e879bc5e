using LocalityLab.Shared.Data;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>
/// Two classes of stationary Gaussian fields on the ring or torus (<see cref="CirculantGaussianFields"/>, one field per
/// class), each sample passed through the NLGP map: the NLGP (latent kernel C, gain g) and its Gaussian clone (a
/// Gaussian field whose covariance is the NLGP's Sigma, gain 0) are both this.
/// </summary>
internal sealed class StationaryFieldSource : IDataSource
{
    /// <summary>Samples are made in chunks of about this many values, to bound memory at large D.</summary>
    private const long ChunkValues = 1 << 20;

    private readonly CirculantGaussianFields _fields;
    private readonly double _gain;
    private readonly double[][] _covarianceRows;
    private readonly IReadOnlyList<KernelClipping?> _latentClippings;

    private StationaryFieldSource(CirculantGaussianFields fields, double gain, double[][] covarianceRows, IReadOnlyList<KernelClipping?> latentClippings)
    {
        _fields = fields;
        _gain = gain;
        _covarianceRows = covarianceRows;
        _latentClippings = latentClippings;
    }

    public InputShape Shape => _fields.Shape;

    /// <summary>The fields of the two classes, for checks of the sampler itself.</summary>
    internal CirculantGaussianFields Fields => _fields;

    /// <summary>The pointwise map after the field: the NLGP's gain, 0 for the clone.</summary>
    internal double Gain => _gain;

    /// <summary>NLGP: latent z ~ N(0, C) with C = <see cref="LatentKernel"/> of the class's correlation length, x = map(z).</summary>
    public static StationaryFieldSource CreateNlgp(InputShape shape, IReadOnlyList<double> correlationLengths, double gain, double kernelExponent)
    {
        var fields = new CirculantGaussianFields(shape, LatentRows(shape, correlationLengths, kernelExponent));
        var covariances = Enumerable.Range(0, fields.Classes)
            .Select(label => NlgpNonlinearity.CovarianceRow(fields.RealisedCovarianceRow(label), gain)).ToArray();
        return new StationaryFieldSource(fields, gain, covariances, fields.Clippings);
    }

    /// <summary>Gaussian clone: Gaussian inputs whose covariance is exactly the NLGP's Sigma (of its realised latent covariance).</summary>
    public static StationaryFieldSource CreateGaussianClone(InputShape shape, IReadOnlyList<double> correlationLengths, double gain, double kernelExponent)
    {
        double[][] sigmas;
        IReadOnlyList<KernelClipping?> latentClippings;
        using (var latent = new CirculantGaussianFields(shape, LatentRows(shape, correlationLengths, kernelExponent)))
        {
            sigmas = [.. Enumerable.Range(0, latent.Classes).Select(label => NlgpNonlinearity.CovarianceRow(latent.RealisedCovarianceRow(label), gain))];
            latentClippings = latent.Clippings;
        }
        var fields = new CirculantGaussianFields(shape, sigmas);
        var covariances = Enumerable.Range(0, fields.Classes).Select(fields.RealisedCovarianceRow).ToArray();
        return new StationaryFieldSource(fields, 0, covariances, latentClippings);
    }

    private static double[][] LatentRows(InputShape shape, IReadOnlyList<double> correlationLengths, double kernelExponent) =>
        [.. correlationLengths.Select(xi => LatentKernel.CovarianceRow(shape, xi, kernelExponent))];

    public LabeledBatch Sample(int n, Generator generator, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        var shape = Shape;
        long chunk = Math.Clamp(ChunkValues / shape.Inputs, 1, Math.Max(n, 1));
        var labels = BalancedLabels.Draw(n, generator);
        var inputs = empty([n, shape.Inputs], float32);
        // Noise buffers reused across chunks: fewer fresh pages per chunk.
        var noise = empty([chunk, shape.Height, shape.Width], float32);
        var wideNoise = empty([chunk, shape.Height, shape.Width], float64);
        for (long start = 0; start < n; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            long m = Math.Min(chunk, n - start);
            // White noise drawn in float32 (libtorch's vectorised normal sampler, about 10x faster than its float64 one)
            // and widened; the field is computed in float64. float32 normals are rounded to 24 bits and their Box-Muller
            // radius stops at 5.8 (a tail of probability 2^-24 per pair): invisible after the FFT mixes D of them.
            var w = wideNoise.narrow(0, 0, m).copy_(noise.narrow(0, 0, m).normal_(generator: generator));
            var z = _fields.Apply(w, labels.narrow(0, start, m));
            NlgpNonlinearity.Write(z.view(m, shape.Inputs), inputs.narrow(0, start, m), _gain);
        }
        return new LabeledBatch(inputs, labels);
    }

    /// <summary>Sigma(0, d) along the width axis (periodic), for the NLGP and the clone alike; for g = 0 it is C.</summary>
    public double[]? AnalyticCorrelationProfile(int label, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, _covarianceRows.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        var row = _covarianceRows[label];
        return [.. Enumerable.Range(0, maxDistance + 1).Select(d => row[d % Shape.Width])];
    }

    public KernelClipping? LatentKernelClipping(int label) => _latentClippings[label];

    public void Dispose() => _fields.Dispose();
}
