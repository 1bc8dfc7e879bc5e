using System.Diagnostics;
using LocalityLab.Compute.Data;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// The dense alternative to the FFT sampler, for the benchmark only: the same NLGP (the latent covariance the FFT
/// sampler realises, the same nonlinearity) with z = L w, L the float64 Cholesky factor of the D x D latent covariance
/// of each class. Building it costs the two O(D^3) factorisations; each sample costs an O(D^2) product.
/// </summary>
internal sealed class CholeskyNlgpSampler : IDisposable
{
    /// <summary>Samples are made in chunks of about this many values, as the FFT sampler does.</summary>
    private const long ChunkValues = 1 << 20;

    /// <summary>L^T of each class, float64 [D, D], so that a row of white noise times it is a row of z.</summary>
    private readonly Tensor[] _factorsTransposed;
    private readonly double _gain;

    /// <summary>Factorises the latent covariance of each of <paramref name="source"/>'s classes.</summary>
    public CholeskyNlgpSampler(StationaryFieldSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _gain = source.Gain;
        Inputs = source.Shape.Inputs;
        var fields = source.Fields;
        _factorsTransposed = new Tensor[fields.Classes];
        try
        {
            for (int label = 0; label < fields.Classes; label++)
            {
                using var covariance = DenseCovariance(fields.Shape, fields.RealisedCovarianceRow(label));
                long start = Stopwatch.GetTimestamp();
                using var factor = linalg.cholesky(covariance);
                FactorisationSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
                _factorsTransposed[label] = factor.t().contiguous();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Inputs { get; }

    /// <summary>Wall time of the linalg.cholesky calls alone (all classes), without assembling the dense covariances.</summary>
    public double FactorisationSeconds { get; }

    /// <summary>The Cholesky factor L of a class's latent covariance, float64 [D, D] (a new tensor).</summary>
    public Tensor Factor(int label) => _factorsTransposed[label].t().contiguous();

    /// <summary>
    /// C[i, j] = row[(r_j - r_i mod H) * W + (c_j - c_i mod W)] for pixels i = r_i * W + c_i: the stationary covariance
    /// as a dense float64 [D, D] matrix.
    /// </summary>
    public static Tensor DenseCovariance(InputShape shape, double[] row)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(row);
        int height = shape.Height, width = shape.Width, d = shape.Inputs;
        if (row.Length != d)
        {
            throw new ArgumentException($"The covariance row has {row.Length} entries for {d} pixels.", nameof(row));
        }
        var dense = new double[(long)d * d];
        for (int i = 0; i < d; i++)
        {
            int ri = i / width, ci = i % width;
            for (int rj = 0; rj < height; rj++)
            {
                // Pixels (rj, 0 .. W-1) take row[dr * W + (cj - ci mod W)]: two contiguous runs of the row.
                int source = (rj - ri + height) % height * width;
                long target = (long)i * d + rj * width;
                Array.Copy(row, source + width - ci, dense, target, ci);
                Array.Copy(row, source, dense, target + ci, width - ci);
            }
        }
        return tensor(dense, [d, d]);
    }

    /// <summary>
    /// n balanced samples, as <see cref="StationaryFieldSource.Sample"/> draws them (white noise in float32 widened to
    /// float64, float32 inputs out), but z = L_label w.
    /// </summary>
    public LabeledBatch Sample(int n, Generator generator, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        long chunk = Math.Clamp(ChunkValues / Inputs, 1, Math.Max(n, 1));
        var labels = BalancedLabels.Draw(n, generator);
        var inputs = empty([n, Inputs], float32);
        var noise = empty([chunk, Inputs], float32);
        var wideNoise = empty([chunk, Inputs], float64);
        var latent = empty([chunk, Inputs], float64);
        for (long start = 0; start < n; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            long m = Math.Min(chunk, n - start);
            var w = wideNoise.narrow(0, 0, m).copy_(noise.narrow(0, 0, m).normal_(generator: generator));
            var z = latent.narrow(0, 0, m);
            var chunkLabels = labels.narrow(0, start, m);
            for (int label = 0; label < _factorsTransposed.Length; label++)
            {
                var rows = chunkLabels.eq(label).nonzero().squeeze(1);
                if (rows.shape[0] > 0)
                {
                    z.index_copy_(0, rows, w.index_select(0, rows).matmul(_factorsTransposed[label]));
                }
            }
            NlgpNonlinearity.Write(z, inputs.narrow(0, start, m), _gain);
        }
        return new LabeledBatch(inputs, labels);
    }

    public void Dispose()
    {
        foreach (var factor in _factorsTransposed)
        {
            factor?.Dispose();
        }
    }
}
