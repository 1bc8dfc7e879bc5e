using LocalityLab.Compute.Data;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Validation;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Registries;

/// <summary>
/// A data source is its descriptor and its sampler, each one file and one registration (issue 24): registered, a
/// test-only source is read from JSON, validated with its own check, admitted, estimated with its sampler's cost, sampled
/// by its sampler, trained on and summarised; unregistered, it is refused again.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class DataSourceRegistryTests
{
    /// <summary>Class 0 is N(0, 1) in every pixel, class 1 is N(0, 4): the classes differ in scale alone.</summary>
    private sealed class ScaledNoise : DataSourceDescriptor
    {
        public override string Key => "scaledNoise";

        public override string Label => "Scaled noise (test only)";

        public override string Note => "Class 1 is class 0 twice as large.";

        public override DataFields Fields => DataFields.Geometry | DataFields.Size;

        public override IEnumerable<ValidationError> Check(DataSpec data)
        {
            if (data.Size > 8)
            {
                yield return new("Data.Size", "Data.Size must be at most 8 for scaledNoise.");
            }
        }
    }

    private sealed class ScaledNoiseSampler : SourceSampler
    {
        public override string Key => "scaledNoise";

        public override IDataSource Create(DataSpec spec, InputShape shape) => new Source(shape);

        /// <summary>An hour to draw anything: the estimate must carry it.</summary>
        public override double GenerationSeconds(DataSpec spec, int inputs, long sampled, long stored) => 3600;

        private sealed class Source(InputShape shape) : IDataSource
        {
            public InputShape Shape => shape;

            public LabeledBatch Sample(int n, Generator generator, CancellationToken cancellationToken = default)
            {
                var labels = BalancedLabels.Draw(n, generator);
                using var scale = labels.to_type(ScalarType.Float32).add_(LocalityLab.Compute.Tensors.ConstantScalars.One).unsqueeze(1); // 1, or 2 for class 1
                return new LabeledBatch(randn([n, shape.Inputs], generator: generator).mul_(scale), labels);
            }

            public double[]? AnalyticCorrelationProfile(int label, int maxDistance) => null;

            public Shared.Data.KernelClipping? LatentKernelClipping(int label) => null;

            public void Dispose()
            {
            }
        }
    }

    private static ExperimentSpec Spec() => TestRunner.Small() with
    {
        Data = TestRunner.Small().Data with { Source = new DataSource("scaledNoise"), Size = 4, TestSamples = 2000, TrainingSamples = 200 },
        Pruning = TestRunner.Small().Pruning with { Rounds = 1 },
    };

    [Fact]
    public async Task A_registered_source_is_read_checked_admitted_estimated_sampled_trained_on_and_refused_once_unregistered()
    {
        const string json = """{ "source": "scaledNoise", "size": 4 }""";
        var admission = TestRunner.Admission(Options.Create(new ComputeOptions { Device = ComputeDevice.Cpu }));
        var spec = Spec();
        var nlgpEstimate = admission.Estimate(spec with { Data = spec.Data with { Source = DataSource.Nlgp } });

        using (DataSources.Register(new ScaledNoise()))
        {
            Assert.Equal("scaledNoise", System.Text.Json.JsonSerializer.Deserialize<DataSpec>(json, SpecJson.Options)!.Source.Key);
            Assert.Contains(ExperimentSpecValidator.Validate(spec with { Data = spec.Data with { Size = 9 } }), e => e.Field == "Data.Size" && e.Message.Contains("scaledNoise", StringComparison.Ordinal));
            Assert.Equal("ScaledNoise 4x4 torus", spec.Data.Summary);
            // Described but not yet samplable by the engine: refused, naming the field.
            Assert.Equal("Data.Source", Assert.Single(admission.Check(spec)).Field);

            using (SourceSamplers.Register(new ScaledNoiseSampler()))
            {
                Assert.Empty(admission.Check(spec));
                Assert.InRange(admission.Estimate(spec).Seconds - nlgpEstimate.Seconds, 3500, 3700); // its sampler's hour, in place of the FFT's milliseconds

                using var generator = new Generator(seed: 3);
                using var data = ExperimentDataBuilder.Build(spec.Data, generator);
                var inputs = data.Test.Inputs.data<float>().ToArray();
                var labels = data.Test.Labels.data<long>().ToArray();
                int width = spec.Data.Size * spec.Data.Size;
                double Variance(long label) => labels.Select((l, i) => (l, i)).Where(p => p.l == label)
                    .SelectMany(p => inputs.Skip(p.i * width).Take(width)).Select(v => (double)v * v).Average();
                // 1000 samples x 16 pixels per class: the variance's standard error is about 0.011 for 1 and 0.045 for 4.
                Assert.InRange(Variance(0), 0.94, 1.06);
                Assert.InRange(Variance(1), 3.75, 4.25);

                var rounds = await TestRunner.CollectAsync(TestRunner.Create(), spec);
                Assert.Equal([0, 1], rounds.Select(r => r.Round));
            }
        }

        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<DataSpec>(json, SpecJson.Options));
        Assert.Contains(ExperimentSpecValidator.Validate(spec), e => e.Field == "Data.Source" && e.Message.Contains("got scaledNoise", StringComparison.Ordinal));
    }
}
