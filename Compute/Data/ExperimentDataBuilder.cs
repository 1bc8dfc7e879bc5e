using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>Turns a <see cref="DataSpec"/> into the test set and the training set or online sampler of one experiment.</summary>
public static class ExperimentDataBuilder
{
    /// <summary>
    /// Generative sources: the test set first (Data.TestSamples), then the fixed training set (Data.TrainingSamples,
    /// if > 0; else the source is kept as the online sampler), all drawn from <paramref name="generator"/>.
    /// </summary>
    public static ExperimentData Build(DataSpec spec, Generator generator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(generator);
        DataSpecValidator.ValidateSplit(spec);
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

    /// <summary>The sampler of a generative source: NLGP, Gaussian clone or Ising. Throws ArgumentException naming the bad field.</summary>
    public static IDataSource CreateSource(DataSpec spec)
    {
        var shape = DataSpecValidator.ValidateGenerative(spec);
        return spec.Source switch
        {
            DataSource.Nlgp => StationaryFieldSource.CreateNlgp(shape, spec.CorrelationLengths, spec.Gain, spec.KernelExponent),
            DataSource.GaussianClone => StationaryFieldSource.CreateGaussianClone(shape, spec.CorrelationLengths, spec.Gain, spec.KernelExponent),
            DataSource.Ising => new IsingSource(spec.Size, spec.IsingTemperatures, spec.IsingSweeps),
            _ => throw new ArgumentException($"Data.Source '{spec.Source}' has no generative source.", nameof(spec)),
        };
    }
}
