using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Training;

/// <summary>
/// A round of R replicates trained together by <see cref="RoundTrainer"/> against each replicate's round trained alone
/// (the same trainer at R = 1): every replicate sees the batches its single run draws (its own permutation each epoch,
/// a short last batch), so the weights agree to float32 rounding and the generators end in the same state, with the
/// products per replicate (the CPU's) and batched (the GPU's, run here on the CPU).
/// </summary>
public sealed class RoundTrainerReplicateTests
{
    // 2 epochs of 150 samples in batches of 32 (the fifth batch of each epoch is 22 samples): 10 steps. bmm and mm
    // sum in different orders; after 10 float32 steps the weights agree within 2e-5 of their scale while the steps
    // move them by more than 1e-2 (checked), so a batch drawn from another replicate's data or order would show.
    private const int Replicates = 3, Samples = 150;
    private const double Tolerance = 2e-5;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_round_of_replicates_gives_each_the_round_it_trains_alone(bool batchedProducts)
    {
        var data = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 6,
            CorrelationLengths = [1, 2],
            Gain = 3,
            TrainingSamples = Samples,
            TestSamples = 20,
        };
        var model = new ModelSpec { HiddenUnits = 5, Activation = Activation.Relu };
        var training = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 0.5, BatchSize = 32, Epochs = 2 };
        var sets = Enumerable.Range(0, Replicates).Select(r =>
        {
            using var generator = new Generator((ulong)(30 + r), CPU);
            return ExperimentDataBuilder.Build(data, generator);
        }).ToList();
        var batched = Enumerable.Range(0, Replicates).Select(r => Network(model, sets[r], r)).ToList();
        var single = Enumerable.Range(0, Replicates).Select(r => Network(model, sets[r], r)).ToList();
        var batchedGenerators = Enumerable.Range(0, Replicates).Select(r => new Generator((ulong)(50 + r), CPU)).ToList();
        var singleGenerators = Enumerable.Range(0, Replicates).Select(r => new Generator((ulong)(50 + r), CPU)).ToList();
        using var initial = batched[0].Network.FirstLayer.weight!.detach().clone();
        try
        {
            using var trainer = new RoundTrainer(sets, TimeProvider.System, batchedProducts);
            var outcomes = trainer.Train(
                [.. Enumerable.Range(0, Replicates).Select(r => new ReplicateRound(batched[r], batchedGenerators[r], batchedGenerators[r], null, () => { }))],
                training, CPU, round: 0, totalRounds: 0, progress: null, CancellationToken.None);
            for (int r = 0; r < Replicates; r++)
            {
                using var alone = new RoundTrainer([sets[r]], TimeProvider.System);
                var expected = alone.Train([new ReplicateRound(single[r], singleGenerators[r], singleGenerators[r], null, () => { })], training, CPU,
                    round: 0, totalRounds: 0, progress: null, CancellationToken.None).Single();
                Assert.Equal(expected.Steps, outcomes[r].Steps);
                Assert.True(Math.Abs(expected.TrainLoss - outcomes[r].TrainLoss) <= Tolerance * (1 + Math.Abs(expected.TrainLoss)),
                    $"replicate {r}: train loss {outcomes[r].TrainLoss} batched, {expected.TrainLoss} alone");
                for (int layer = 0; layer < 2; layer++)
                {
                    using var b = batched[r].Network.Layers[layer].weight!.detach();
                    using var s = single[r].Network.Layers[layer].weight!.detach();
                    float scale = s.abs().max().item<float>(), difference = (b - s).abs().max().item<float>();
                    Assert.True(difference <= Tolerance * (1 + scale), $"replicate {r}, layer {layer}: weights differ by {difference}");
                }
                Assert.Equal(singleGenerators[r].get_state().data<byte>().ToArray(), batchedGenerators[r].get_state().data<byte>().ToArray());
            }
            using var moved = (batched[0].Network.FirstLayer.weight!.detach() - initial).abs().max();
            Assert.True(moved.item<float>() > 1e-2, $"training moved the weights by only {moved.item<float>()}");
        }
        finally
        {
            batched.Concat(single).ToList().ForEach(n => n.Dispose());
            batchedGenerators.Concat(singleGenerators).ToList().ForEach(g => g.Dispose());
            sets.ForEach(s => s.Dispose());
        }
    }

    private static PrunableNetwork Network(ModelSpec model, ExperimentData data, int replicate)
    {
        var network = new PrunableNetwork(data.Shape.Inputs, model, [0]);
        using var generator = new Generator((ulong)(70 + replicate), CPU);
        network.Network.Initialize(model, generator);
        // Half of the first layer pruned, differently per replicate.
        var mask = network.Masks()[0].Select((_, e) => (e + replicate) % 2 == 0 ? 1f : 0f).ToArray();
        network.SetMasks(new Dictionary<int, float[]> { [0] = mask });
        return network;
    }
}
