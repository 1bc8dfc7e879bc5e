using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Data;

/// <summary>
/// A spec's inputs with their labels, as the command line's `sample` writes them: fresh samples from the training
/// stream's seed, or, built from the run's own data stream and builder, the very test or training set a run uses.
/// </summary>
internal sealed class DataSampler(ExperimentAdmission admission)
{
    /// <exception cref="ArgumentException">The spec is not valid, or has no fixed training set for <see cref="SampleSplit.Train"/>.</exception>
    public DataSample Sample(ExperimentSpec spec, SampleSplit split, int count)
    {
        var errors = Shared.Validation.ExperimentSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors.Select(x => x.Message)));
        }
        spec = admission.Locate(spec);
        if (split != SampleSplit.Fresh)
        {
            if (split == SampleSplit.Train && spec.Data.TrainingSamples == 0)
            {
                throw new ArgumentException(
                    "--split train: this spec trains online (Data.TrainingSamples = 0), on fresh samples every step, so it has no fixed training set; use --split fresh.");
            }
            using var dataGenerator = RunSeeds.DataGenerator(spec);
            using var data = ExperimentDataBuilder.Build(spec.Data, dataGenerator);
            var set = split == SampleSplit.Test ? data.Test : data.Train!;
            return new DataSample(set.Inputs.contiguous().data<float>().ToArray(), [.. set.Labels.data<long>().ToArray().Select(l => (int)l)], data.Shape.Inputs);
        }
        using var generator = new Generator(RunSeeds.Training(spec.Seed));
        if (spec.Data.Source == DataSource.LocalImages)
        {
            using var data = ExperimentDataBuilder.Build(spec.Data, generator);
            var set = data.Train!;
            int n = Math.Min(count, set.Count);
            return new DataSample(set.Inputs.narrow(0, 0, n).data<float>().ToArray(), [.. set.Labels.narrow(0, 0, n).data<long>().ToArray().Select(l => (int)l)],
                data.Shape.Inputs);
        }
        using var source = ExperimentDataBuilder.CreateSource(spec.Data);
        using var batch = source.Sample(count, generator);
        return new DataSample(batch.Inputs.data<float>().ToArray(), [.. batch.Labels.data<long>().ToArray().Select(l => (int)l)], source.Shape.Inputs);
    }
}
