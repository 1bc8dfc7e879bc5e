using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>
/// Stationary Gaussian fields on one periodic Height x Width lattice (a ring when Height = 1), one field per class,
/// sampled by FFT. A stationary covariance is circulant (block-circulant with circulant blocks in 2D), so the unitary
/// DFT F diagonalises it: C = F* diag(lambda) F with lambda = DFT(first row). The sampler is the symmetric square root
/// A = F* diag(sqrt(lambda)) F applied to white noise, z = A w, so Cov z = A A^T = C: O(D log D) per sample, never a
/// D x D factor. Real FFTs over the last two axes give exactly this map at half the cost. Works in float64.
/// Negative eigenvalues (rounding, or a periodic kernel that is not positive definite: the min-image distance kernel
/// on a torus is not once xi is more than about L / 7) are clipped to 0 and the spectrum rescaled to keep the
/// requested variance; <see cref="RealisedCovarianceRow"/> is the covariance actually sampled.
/// </summary>
internal sealed class CirculantGaussianFields : IDisposable
{
    /// <summary>sqrt(lambda) of each class, float64 [classes, Height, Width / 2 + 1].</summary>
    private readonly Tensor _amplitudes;
    private readonly double[][] _realisedRows;

    /// <param name="covarianceRows">Per class, the covariance of pixel 0 with pixel (r, c) at index r * Width + c.</param>
    public CirculantGaussianFields(InputShape shape, IReadOnlyList<double[]> covarianceRows)
    {
        Shape = shape;
        using var scope = NewDisposeScope();
        var amplitudes = new List<Tensor>();
        var realised = new List<double[]>();
        var negative = new List<double>();
        var clippings = new List<KernelClipping?>();
        foreach (var covarianceRow in covarianceRows)
        {
            if (covarianceRow.Length != shape.Inputs)
            {
                throw new ArgumentException($"A covariance row has {covarianceRow.Length} entries for {shape.Inputs} pixels.", nameof(covarianceRows));
            }
            var spectrum = fft.rfft2(tensor(covarianceRow, float64).view(shape.Height, shape.Width)).real;
            double mostNegative = Math.Min(0, spectrum.min().item<double>());
            negative.Add(mostNegative);
            var clipped = spectrum.clamp_min(ConstantScalars.Zero);
            var row = fft.irfft2(clipped, s: [shape.Height, shape.Width]).reshape(-1).data<double>().ToArray();
            if (mostNegative < 0)
            {
                // Clipping adds variance (the diagonal is the mean eigenvalue): rescale to keep the requested variance.
                double scale = covarianceRow[0] / row[0];
                using var rescale = scale.ToScalar();
                clipped.mul_(rescale);
                row = [.. row.Select(c => c * scale)];
            }
            realised.Add(row);
            amplitudes.Add(clipped.sqrt());
            double error = covarianceRow.Zip(row, (asked, sampled) => Math.Abs(asked - sampled)).Max();
            clippings.Add(error < KernelClipping.NegligibleError ? null : new KernelClipping(mostNegative, error));
        }
        _amplitudes = stack(amplitudes).DetachFromDisposeScope();
        _realisedRows = [.. realised];
        MostNegativeEigenvalues = [.. negative];
        Clippings = [.. clippings];
    }

    public InputShape Shape { get; }

    public int Classes => _realisedRows.Length;

    /// <summary>The most negative eigenvalue of each requested covariance (0 if none): what clipping removed.</summary>
    public IReadOnlyList<double> MostNegativeEigenvalues { get; }

    /// <summary>Per class, how far the sampled covariance is from the one asked for; null where they agree to <see cref="KernelClipping.NegligibleError"/>.</summary>
    public IReadOnlyList<KernelClipping?> Clippings { get; }

    /// <summary>The covariance of pixel 0 with each pixel (row-major) of the field actually sampled for a class.</summary>
    public double[] RealisedCovarianceRow(int label) => _realisedRows[label];

    /// <summary>z = A_(label_i) w_i for each row i: float64 white noise [n, Height, Width], int64 labels [n].</summary>
    public Tensor Apply(Tensor whiteNoise, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var spectrum = fft.rfft2(whiteNoise, norm: FFTNormType.Ortho);
        spectrum.mul_(Classes == 1 ? _amplitudes[0] : _amplitudes.index_select(0, labels));
        return fft.irfft2(spectrum, s: [Shape.Height, Shape.Width], norm: FFTNormType.Ortho).MoveToOuterDisposeScope();
    }

    public void Dispose() => _amplitudes.Dispose();
}
