using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>Turns a <see cref="DataSpec"/> into the test set and the training set or online sampler of one experiment.</summary>
internal static class ExperimentDataBuilder
{
    /// <summary>
    /// Generative sources: the test set first (Data.TestSamples), then the fixed training set (Data.TrainingSamples,
    /// if > 0; else the source is kept as the online sampler), all drawn from <paramref name="generator"/>.
    /// LocalImages: test = the last TestSamples kept images, train = the first TrainingSamples of the rest
    /// (see <see cref="LocalImageSet"/>); the generator is not used; online training is not possible.
    /// </summary>
    public static ExperimentData Build(DataSpec spec, Generator generator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(generator);
        DataSpecValidator.ValidateRanges(spec);
        if (!spec.Source.Describe().Sampled)
        {
            return BuildFromImages(spec);
        }

        var source = CreateSource(spec);
        LabeledBatch? test = null;
        try
        {
            test = source.Sample(spec.TestSamples, generator, cancellationToken);
            if (spec.TrainingSamples == 0)
            {
                return new ExperimentData(source.Shape, test, train: null, online: source);
            }
            var train = source.Sample(spec.TrainingSamples, generator, cancellationToken);
            var shape = source.Shape;
            source.Dispose();
            return new ExperimentData(shape, test, train, online: null);
        }
        catch
        {
            test?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>The sampler of a generative source (<see cref="SourceSamplers"/>). Throws ArgumentException naming the bad field.</summary>
    public static IDataSource CreateSource(DataSpec spec)
    {
        var shape = DataSpecValidator.ValidateGenerative(spec);
        var sampler = SourceSamplers.Find(spec.Source) ?? throw new ArgumentException($"Data.Source '{spec.Source}' has no generative source.", nameof(spec));
        return sampler.Create(spec, shape);
    }

    private static ExperimentData BuildFromImages(DataSpec spec)
    {
        DataSpecValidator.Require(spec.TrainingSamples > 0,
            "Data.TrainingSamples must be positive for LocalImages: a file holds a fixed set of images, so online training (0) is not possible.");
        var images = LocalImageSet.Load(spec);
        DataSpecValidator.Require(spec.TestSamples + (long)spec.TrainingSamples <= images.Count,
            $"Data.TestSamples + Data.TrainingSamples = {spec.TestSamples + (long)spec.TrainingSamples} but the files hold only "
            + $"{images.Count} images of labels {spec.ImageClasses[0]} and {spec.ImageClasses[1]}.");
        var test = Slice(images, images.Count - spec.TestSamples, spec.TestSamples);
        try
        {
            return new ExperimentData(images.Shape, test, Slice(images, 0, spec.TrainingSamples), online: null);
        }
        catch
        {
            test.Dispose();
            throw;
        }
    }

    private static LabeledBatch Slice(LocalImageSet images, int start, int count)
    {
        int pixels = images.Shape.Inputs;
        using var scope = NewDisposeScope();
        var inputs = tensor(images.Pixels.AsSpan(start * pixels, count * pixels).ToArray(), [count, pixels]);
        var labels = tensor(images.Labels.AsSpan(start, count).ToArray(), [count]);
        return new LabeledBatch(inputs, labels);
    }
}
