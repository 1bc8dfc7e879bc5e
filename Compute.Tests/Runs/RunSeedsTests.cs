using LocalityLab.Compute.Data;
using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Validation;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Runs;

public sealed class RunSeedsTests
{
    [Theory]
    [InlineData(1L, 1L + (1L << 40))]
    [InlineData(7L, 7L + (1L << 32))]
    [InlineData(5L, 5L | long.MinValue)]
    [InlineData(-1L, long.MaxValue)]
    public void Seeds_differing_only_in_a_high_bit_give_different_training_data_and_initial_weights(long seed, long other)
    {
        var (trainA, weightsA) = DataAndInitialWeights(seed);
        var (trainB, weightsB) = DataAndInitialWeights(other);

        Assert.NotEqual(trainA, trainB);
        Assert.NotEqual(weightsA, weightsB);
    }

    [Fact]
    public void Seeds_that_fit_in_32_bits_seed_the_generators_as_they_always_did()
    {
        // Results stored before the fold stay reproducible: the generators still get the spec's seed (and seed ^ constant).
        Assert.Equal(12345UL, RunSeeds.Training(12345));
        Assert.Equal(12345UL ^ 0x9E3779B97F4A7C15UL, RunSeeds.Data(12345));
        Assert.Equal(uint.MaxValue, RunSeeds.Training(uint.MaxValue));
    }

    [Fact]
    public void The_validator_refuses_negative_seeds()
    {
        var errors = ExperimentSpecValidator.Validate(TestRunner.Small(seed: -5));

        Assert.Contains(errors, e => e.Field == "Seed");
    }

    [Fact]
    public void Measure_seeds_differ_between_rounds_and_between_seeds_differing_in_a_high_bit()
    {
        Assert.NotEqual(RunSeeds.Measure(1, 0), RunSeeds.Measure(1, 1));
        Assert.NotEqual(RunSeeds.Measure(1, 0) & 0xFFFFFFFFUL, RunSeeds.Measure(1L + (1L << 40), 0) & 0xFFFFFFFFUL);
        Assert.NotEqual(RunSeeds.Measure(5, 0) & 0xFFFFFFFFUL, RunSeeds.Measure(5L | long.MinValue, 0) & 0xFFFFFFFFUL);
    }

    /// <summary>The fixed training set a run of the small spec trains on, and its first layer before any training.</summary>
    private static (float[] Train, float[] Weights) DataAndInitialWeights(long seed)
    {
        var spec = TestRunner.Small(seed);
        using var generator = RunSeeds.DataGenerator(spec);
        using var data = ExperimentDataBuilder.Build(spec.Data, generator);
        using var session = ExperimentSession.Start(spec, CPU, TimeProvider.System, null, CancellationToken.None);
        return (data.Train!.Inputs.data<float>().ToArray(), session.Network.Network.FirstLayer.weight!.detach().cpu().data<float>().ToArray());
    }
}
