using LocalityLab.Compute.Model;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Training;

/// <summary>
/// The hand-written step of a single run (R = 1) against autograd and TorchSharp's SGD, the independent computation: the
/// same network, masks and batches must give the same losses and weights, to float32 rounding, for every activation,
/// loss and option. (<see cref="BatchedStepTests"/> checks R replicates against R single runs.)
/// </summary>
public sealed class TwoLayerSgdStepTests
{
    private const int Inputs = 24, Hidden = 7, Batch = 16, Steps = 30;

    // Float32 steps accumulate rounding differently (fused addmm, a hand-written sigmoid gradient): agreement within
    // 2e-5 of the weights' scale after 30 steps, while the steps themselves move the weights by more than 1e-2.
    private const double Tolerance = 2e-5;

    public static TheoryData<Activation, LossKind, bool, bool, double, double, bool> Cases() => new()
    {
        { Activation.Relu, LossKind.Bce, true, true, 0, 0, false },
        { Activation.Relu, LossKind.Mse, true, true, 0, 0, false },
        { Activation.Tanh, LossKind.Bce, true, true, 0.9, 0, false },
        { Activation.Erf, LossKind.Bce, true, true, 0, 1e-3, false },
        { Activation.Erf, LossKind.Mse, false, true, 0.9, 1e-2, false },
        { Activation.Relu, LossKind.Bce, true, false, 0.5, 0, false },
        { Activation.Tanh, LossKind.Mse, false, false, 0, 0, false },
        { Activation.Relu, LossKind.Bce, true, true, 0.9, 1e-3, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_what_autograd_and_torch_sgd_give(Activation activation, LossKind loss, bool bias, bool trainOutput,
        double momentum, double weightDecay, bool pruneOutput)
    {
        var model = new ModelSpec { HiddenUnits = Hidden, Activation = activation, Bias = bias, SecondLayerTrainable = trainOutput };
        var training = new TrainingSpec { LearningRate = 0.2, Momentum = momentum, WeightDecay = weightDecay, Loss = loss, BatchSize = Batch };
        int[] pruned = pruneOutput ? [0, 1] : [0];
        using var handWritten = Network(model, pruned);
        using var reference = Network(model, pruned);
        using var initial = handWritten.Network.FirstLayer.weight!.detach().clone();
        if (bias)
        {
            // Zero-initialised biases would hide a wrong bias gradient for a step.
            using var noGrad = no_grad();
            handWritten.Network.FirstLayer.bias!.fill_(0.1);
            reference.Network.FirstLayer.bias!.fill_(0.1);
        }

        using var fast = new TwoLayerSgdStep(new StackedTwoLayerNetwork([handWritten], batchedProducts: false), training);
        using var slow = new AutogradTrainingStep(reference, training);
        using var batches = new Generator(7);
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            var inputs = randn([Batch, Inputs], generator: batches);
            var labels = randint(0, 2, [Batch], generator: batches).to(ScalarType.Float32);
            double fastLoss = fast.Forward(inputs, labels).Single(), slowLoss = slow.Forward(inputs, labels).Single();
            Assert.True(Math.Abs(fastLoss - slowLoss) <= Tolerance, $"step {step}: loss {fastLoss} hand-written, {slowLoss} autograd");
            fast.Update();
            slow.Update();
        }
        fast.WriteBack();

        var fastState = handWritten.Network.state_dict();
        foreach (var (name, expected) in reference.Network.state_dict())
        {
            using var difference = fastState[name].sub(expected).abs().max();
            using var scale = expected.abs().max();
            Assert.True(difference.item<float>() <= Tolerance * (1 + scale.item<float>()),
                $"{name}: max |hand-written - autograd| = {difference.item<float>():G3}");
        }

        using var moved = handWritten.Network.FirstLayer.weight!.sub(initial).abs().max();
        Assert.True(moved.item<float>() > 1e-2, $"The first layer moved only {moved.item<float>():G3}: the comparison says nothing.");
        foreach (int layer in pruned)
        {
            using var prunedWeights = handWritten.Network.Layers[layer].weight!.masked_select(handWritten.MaskOf(layer)!.eq(0));
            Assert.True(prunedWeights.numel() > 0);
            Assert.All(prunedWeights.data<float>().ToArray(), w => Assert.Equal(0f, w));
        }
    }

    [Fact]
    public void The_trainer_uses_it_only_where_it_computes_the_spec()
    {
        var sgd = new TrainingSpec();
        var adam = sgd with { Optimizer = OptimizerKind.Adam };
        using var twoLayer = Network(new ModelSpec { HiddenUnits = Hidden }, [0]);
        using var other = Network(new ModelSpec { HiddenUnits = Hidden }, [0]);
        using var normalized = Network(new ModelSpec { HiddenUnits = Hidden, InputBatchNorm = true }, [0]);
        using var deep = Network(new ModelSpec { Architecture = Architecture.Mlp, HiddenWidths = [Hidden, Hidden] }, [0]);

        void Expect<TStep>(IReadOnlyList<PrunableNetwork> networks, TrainingSpec training) where TStep : ITrainingStep
        {
            using var step = TrainingSteps.Create(networks, training, CPU);
            Assert.IsType<TStep>(step);
        }
        Expect<TwoLayerSgdStep>([twoLayer], sgd);
        Expect<TwoLayerSgdStep>([twoLayer, other], sgd);
        Expect<AutogradTrainingStep>([twoLayer], adam);
        Expect<TwoLayerAutogradStep>([twoLayer, other], adam);
        Expect<AutogradTrainingStep>([normalized], sgd);
        Expect<AutogradTrainingStep>([deep], sgd);
        var refused = Assert.Throws<ArgumentException>(() => TrainingSteps.Create([deep, twoLayer], sgd, CPU));
        Assert.Contains("two-layer", refused.Message);

        // Products per replicate on the CPU (a lone network's), batched only on a GPU with several replicates.
        Assert.False(TrainingSteps.BatchesProducts(CPU, 8));
        Assert.False(TrainingSteps.BatchesProducts(new Device(TorchSharp.DeviceType.CUDA, 0), 1));
        Assert.True(TrainingSteps.BatchesProducts(new Device(TorchSharp.DeviceType.CUDA, 0), 8));
    }

    private static PrunableNetwork Network(ModelSpec model, int[] prunedLayers)
    {
        var network = new PrunableNetwork(Inputs, model, prunedLayers);
        using var generator = new Generator(3);
        network.Network.Initialize(model, generator);
        var masks = new Dictionary<int, float[]>();
        foreach (int layer in prunedLayers)
        {
            var weight = network.Network.Layers[layer].weight!;
            using var keep = rand(weight.shape, generator: generator).lt(0.6).to(ScalarType.Float32);
            masks[layer] = keep.data<float>().ToArray();
        }
        network.SetMasks(masks);
        return network;
    }
}
