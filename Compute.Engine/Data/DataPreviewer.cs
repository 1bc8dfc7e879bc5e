using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>What the data designer shows for a spec: samples, the marginal, and the correlation profile of each class.</summary>
internal static class DataPreviewer
{
    /// <summary>Bins of the marginal histogram, over the symmetric range [-max |x|, max |x|] of the preview's pixels.</summary>
    public const int HistogramBins = 41;

    /// <summary>A preview is for looking at: more samples than this per class is a mistake, not a wish.</summary>
    public const int MaxSamplesPerClass = 10_000;

    /// <summary>
    /// <paramref name="samplesPerClass"/> samples of each class (LocalImages: drawn at random from the kept images of
    /// the class, fewer if it has fewer), from a generator seeded with <paramref name="seed"/>. Profiles are at
    /// distances 0..floor(Width / 2) along the width axis.
    /// </summary>
    public static DataPreview Preview(DataSpec spec, int samplesPerClass, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samplesPerClass, MaxSamplesPerClass);
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        using var scope = NewDisposeScope();

        InputShape shape;
        Tensor[] classInputs;
        IDataSource? source = null;
        try
        {
            if (spec.Source == DataSource.LocalImages)
            {
                var images = LocalImageSet.Load(spec);
                shape = images.Shape;
                var all = tensor(images.Pixels, [images.Count, shape.Inputs]);
                var labels = tensor(images.Labels);
                classInputs = [.. new[] { 0, 1 }.Select(label =>
                {
                    var rows = labels.eq(ConstantScalars.Label(label)).nonzero().reshape(-1);
                    var chosen = rows.index_select(0, randperm(rows.shape[0], generator: generator).narrow(0, 0, Math.Min(samplesPerClass, rows.shape[0])));
                    return all.index_select(0, chosen);
                })];
            }
            else
            {
                source = ExperimentDataBuilder.CreateSource(spec);
                shape = source.Shape;
                using var batch = source.Sample(2 * samplesPerClass, generator, cancellationToken);
                classInputs = [.. new[] { 0, 1 }.Select(label => batch.Inputs.index_select(0, batch.Labels.eq(ConstantScalars.Label(label)).nonzero().reshape(-1)))];
            }

            int maxDistance = shape.Width / 2;
            int[] distances = [.. Enumerable.Range(0, maxDistance + 1)];
            var classes = new List<ClassPreview>();
            for (int label = 0; label < 2; label++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inputs = classInputs[label];
                float[][] samples = [.. inputs.contiguous().data<float>().ToArray().Chunk(shape.Inputs)];
                classes.Add(new ClassPreview(
                    label,
                    samples,
                    distances,
                    EmpiricalCorrelationProfile.Compute(inputs, shape, maxDistance),
                    source?.AnalyticCorrelationProfile(label, maxDistance),
                    source?.LatentKernelClipping(label)));
            }
            return new DataPreview(shape, classes, Marginal(classes.SelectMany(c => c.Samples)));
        }
        finally
        {
            source?.Dispose();
        }
    }

    /// <summary>Histogram and moments (mean, population variance, excess kurtosis m4 / m2^2 - 3) of all the values.</summary>
    private static MarginalHistogram Marginal(IEnumerable<float[]> samples)
    {
        var values = samples.SelectMany(s => s).Select(v => (double)v).ToArray();
        double mean = values.Length == 0 ? double.NaN : values.Average();
        double m2 = 0, m4 = 0;
        foreach (double v in values)
        {
            double c = (v - mean) * (v - mean);
            m2 += c;
            m4 += c * c;
        }
        m2 /= values.Length;
        m4 /= values.Length;

        double half = values.Length == 0 ? 0 : values.Max(Math.Abs);
        if (!(half > 0))
        {
            half = 1;
        }
        var edges = new double[HistogramBins + 1];
        for (int i = 0; i <= HistogramBins; i++)
        {
            edges[i] = -half + 2 * half * i / HistogramBins;
        }
        var counts = new long[HistogramBins];
        foreach (double v in values)
        {
            int bin = Math.Clamp((int)Math.Floor((v + half) / (2 * half) * HistogramBins), 0, HistogramBins - 1);
            // Settle values within rounding of an edge the way the edges say: [lo, hi), the last bin closed.
            if (bin > 0 && v < edges[bin])
            {
                bin--;
            }
            else if (bin < HistogramBins - 1 && v >= edges[bin + 1])
            {
                bin++;
            }
            counts[bin]++;
        }
        return new MarginalHistogram(edges, counts, mean, m2, m4 / (m2 * m2) - 3);
    }
}
