using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

public sealed class ExperimentDataBuilderTests
{
    private static readonly DataSpec Small = new()
    {
        Source = DataSource.Nlgp,
        Geometry = Geometry.Torus2D,
        Size = 6,
        CorrelationLengths = [1, 2],
        Gain = 3,
        TestSamples = 30,
        TrainingSamples = 50,
    };

    [Fact]
    public void The_test_set_is_drawn_first_and_the_training_set_next_from_the_same_generator()
    {
        using var generator = new Generator(71, CPU);
        using var data = ExperimentDataBuilder.Build(Small, generator);
        using var source = ExperimentDataBuilder.CreateSource(Small);
        using var reference = new Generator(71, CPU);
        using var test = source.Sample(Small.TestSamples, reference);
        using var train = source.Sample(Small.TrainingSamples, reference);

        Assert.Equal(InputShape.Square(6), data.Shape);
        Assert.Null(data.Online);
        Assert.Equal(test.Inputs.data<float>().ToArray(), data.Test.Inputs.data<float>().ToArray());
        Assert.Equal(test.Labels.data<long>().ToArray(), data.Test.Labels.data<long>().ToArray());
        Assert.Equal(train.Inputs.data<float>().ToArray(), data.Train!.Inputs.data<float>().ToArray());
        Assert.Equal(train.Labels.data<long>().ToArray(), data.Train.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Zero_training_samples_keeps_the_source_as_the_online_sampler()
    {
        using var generator = new Generator(72, CPU);
        using var data = ExperimentDataBuilder.Build(Small with { TrainingSamples = 0 }, generator);

        Assert.Null(data.Train);
        Assert.True(data.IsOnline);
        Assert.Equal(data.Shape, data.Online!.Shape);
        Assert.Equal(30, data.Test.Count);
        using var batch = data.Online.Sample(8, generator);
        Assert.Equal(new long[] { 8, 36 }, batch.Inputs.shape);
    }

    public static TheoryData<DataSpec, string> InvalidSpecs => new()
    {
        { Small with { Source = DataSource.Ising, Geometry = Geometry.Ring1D }, "Data.Geometry" },
        { Small with { Source = DataSource.Ising, IsingTemperatures = [2, 0] }, "Data.IsingTemperatures" },
        { Small with { Source = DataSource.Ising, IsingTemperatures = [2] }, "Data.IsingTemperatures" },
        { Small with { Source = DataSource.Ising, Size = 1 }, "Data.Size" },
        { Small with { CorrelationLengths = [1, -2] }, "Data.CorrelationLengths" },
        { Small with { CorrelationLengths = [1, 2, 3] }, "Data.CorrelationLengths" },
        { Small with { Gain = double.NaN }, "Data.Gain" },
        { Small with { Gain = -1 }, "Data.Gain" },
        { Small with { KernelExponent = 3 }, "Data.KernelExponent" },
        { Small with { Size = 0 }, "Data.Size" },
        { Small with { TestSamples = 0 }, "Data.TestSamples" },
        { Small with { TrainingSamples = -1 }, "Data.TrainingSamples" },
        { Small with { Source = DataSource.LocalImages, ImagesPath = null }, "Data.ImagesPath" },
        { Small with { Source = DataSource.LocalImages, ImagesPath = "x", LabelsPath = "y", ImageClasses = [4, 4] }, "Data.ImageClasses" },
        // The lab's ranges, which the engine used to draw wider (issue 13: one set of ranges).
        { Small with { Gain = 250 }, "Data.Gain must be a number in [0, 100]; got 250" },
        { Small with { Size = 65 }, "Data.Size must be in [2, 64] (the torus side L; D = L * L <= 4096); got 65" },
        { Small with { TestSamples = 5 }, "Data.TestSamples must be in [10, 200000]; got 5" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void The_engine_refuses_what_the_lab_refuses_with_the_same_message(DataSpec spec, string _)
    {
        using var generator = new Generator(73, CPU);
        var lab = LocalityLab.Shared.Validation.ExperimentSpecValidator.ValidateData(spec);

        var error = Assert.Throws<ArgumentException>(() => ExperimentDataBuilder.Build(spec, generator).Dispose());

        Assert.NotEmpty(lab);
        Assert.StartsWith(lab[0].Message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void An_invalid_spec_is_rejected_with_a_message_naming_the_field(DataSpec spec, string field)
    {
        using var generator = new Generator(73, CPU);

        var error = Assert.Throws<ArgumentException>(() => ExperimentDataBuilder.Build(spec, generator).Dispose());

        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Local_images_have_no_generative_source()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentDataBuilder.CreateSource(Small with { Source = DataSource.LocalImages }));

        Assert.Contains("LocalImages", error.Message);
    }
}
