using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Data;

/// <summary>What every generative source promises the runner: layout, balance, reproducibility, cancellation.</summary>
public sealed class SamplingContractTests
{
    public static TheoryData<DataSource> Sources => new() { DataSource.Nlgp, DataSource.GaussianClone, DataSource.Ising };

    private static DataSpec Spec(DataSource source) => new()
    {
        Source = source,
        Geometry = Geometry.Torus2D,
        Size = 9,
        CorrelationLengths = [1, 2],
        Gain = 3,
        IsingTemperatures = [2, 3.5],
        IsingSweeps = 5,
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_same_generator_seed_gives_bit_identical_batches_and_another_seed_does_not(DataSource kind)
    {
        using var source = ExperimentDataBuilder.CreateSource(Spec(kind));
        using var first = new Generator(7, CPU);
        using var second = new Generator(7, CPU);
        using var other = new Generator(8, CPU);
        using var a = source.Sample(300, first);
        using var b = source.Sample(300, second);
        using var c = source.Sample(300, other);

        Assert.Equal(a.Inputs.data<float>().ToArray(), b.Inputs.data<float>().ToArray());
        Assert.Equal(a.Labels.data<long>().ToArray(), b.Labels.data<long>().ToArray());
        Assert.NotEqual(a.Inputs.data<float>().ToArray(), c.Inputs.data<float>().ToArray());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Batches_are_float32_rows_of_d_pixels_with_int64_labels_and_exactly_balanced_classes_in_random_order(DataSource kind)
    {
        using var source = ExperimentDataBuilder.CreateSource(Spec(kind));
        using var generator = new Generator(3, CPU);

        Assert.Equal(InputShape.Square(9), source.Shape);
        foreach (int n in new[] { 200, 201 })
        {
            using var batch = source.Sample(n, generator);
            Assert.Equal(ScalarType.Float32, batch.Inputs.dtype);
            Assert.Equal(new long[] { n, 81 }, batch.Inputs.shape);
            Assert.Equal(ScalarType.Int64, batch.Labels.dtype);
            Assert.Equal(n, batch.Count);
            var labels = batch.Labels.data<long>().ToArray();
            Assert.All(labels, label => Assert.True(label is 0 or 1));
            // n / 2 of each class; for odd n class 0 gets the extra one.
            Assert.Equal(n - n / 2, labels.Count(label => label == 0));
            Assert.Equal(n / 2, labels.Count(label => label == 1));
            // Shuffled: both classes appear in each half (a sorted batch would put only 0s in the first half).
            Assert.Contains(1L, labels[..(n / 2)]);
            Assert.Contains(0L, labels[(n / 2)..]);
        }
    }

    [Fact]
    public void A_ring_is_one_row_of_d_pixels()
    {
        using var source = ExperimentDataBuilder.CreateSource(new DataSpec { Geometry = Geometry.Ring1D, Size = 50 });
        using var generator = new Generator(3, CPU);
        using var batch = source.Sample(10, generator);

        Assert.Equal(InputShape.Ring(50), source.Shape);
        Assert.Equal(new long[] { 10, 50 }, batch.Inputs.shape);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void An_empty_batch_has_no_rows_but_the_right_width(DataSource kind)
    {
        using var source = ExperimentDataBuilder.CreateSource(Spec(kind));
        using var generator = new Generator(3, CPU);
        using var batch = source.Sample(0, generator);

        Assert.Equal(new long[] { 0, 81 }, batch.Inputs.shape);
        Assert.Equal(0, batch.Count);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_cancelled_token_stops_sampling(DataSource kind)
    {
        using var source = ExperimentDataBuilder.CreateSource(Spec(kind));
        using var generator = new Generator(3, CPU);

        Assert.ThrowsAny<OperationCanceledException>(() => source.Sample(100, generator, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_batch_owns_its_tensors_beyond_the_dispose_scope_it_was_made_in()
    {
        using var source = ExperimentDataBuilder.CreateSource(Spec(DataSource.Nlgp));
        using var generator = new Generator(3, CPU);
        LabeledBatch batch;
        using (NewDisposeScope())
        {
            batch = source.Sample(4, generator);
        }

        using (batch)
        {
            Assert.False(batch.Inputs.IsInvalid);
            Assert.Equal(4 * 81, batch.Inputs.data<float>().ToArray().Length);
        }
        Assert.True(batch.Inputs.IsInvalid);
    }
}
