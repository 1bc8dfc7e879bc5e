using LocalityLab.Compute.Model;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Training;

/// <summary>
/// R replicates stacked and stepped together against the same R replicates stepped one by one as single runs (each the
/// step <see cref="TrainingSteps"/> gives one network: hand-written SGD, or autograd with TorchSharp's SGD or Adam),
/// with the products per replicate (the CPU's) and batched (the GPU's, run here on the CPU): every replicate's losses
/// and weights agree to float32 rounding, each from its own initialisation, masks and batches.
/// </summary>
public sealed class BatchedStepTests
{
    private const int Replicates = 3, Inputs = 24, Hidden = 7, Batch = 16, Steps = 20;

    // bmm and mm sum in different orders; after 20 float32 steps the weights agree within 2e-5 of their scale, while
    // the steps move them by more than 1e-2 (checked below, so the comparison means something).
    private const double Tolerance = 2e-5;

    public static TheoryData<OptimizerKind, Activation, LossKind, bool, bool, double, double, bool, bool> Cases()
    {
        var cases = new TheoryData<OptimizerKind, Activation, LossKind, bool, bool, double, double, bool, bool>();
        foreach (var (optimizer, activation, loss, bias, trainOutput, momentum, weightDecay, pruneOutput) in Options)
        {
            foreach (bool batchedProducts in new[] { false, true })
            {
                cases.Add(optimizer, activation, loss, bias, trainOutput, momentum, weightDecay, pruneOutput, batchedProducts);
            }
        }
        return cases;
    }

    private static readonly (OptimizerKind, Activation, LossKind, bool, bool, double, double, bool)[] Options =
    [
        (OptimizerKind.Sgd, Activation.Relu, LossKind.Bce, true, true, 0, 0, false),
        (OptimizerKind.Sgd, Activation.Erf, LossKind.Mse, true, true, 0, 1e-3, false),
        (OptimizerKind.Sgd, Activation.Tanh, LossKind.Bce, false, true, 0.9, 0, false),
        (OptimizerKind.Sgd, Activation.Relu, LossKind.Bce, true, false, 0.9, 1e-3, true),
        (OptimizerKind.Sgd, Activation.Erf, LossKind.Mse, false, false, 0, 0, false),
        (OptimizerKind.Adam, Activation.Relu, LossKind.Bce, true, true, 0, 0, false),
        (OptimizerKind.Adam, Activation.Erf, LossKind.Mse, true, false, 0, 1e-3, true),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_batched_step_equals_R_single_steps(OptimizerKind optimizer, Activation activation, LossKind loss, bool bias,
        bool trainOutput, double momentum, double weightDecay, bool pruneOutput, bool batchedProducts)
    {
        var model = new ModelSpec { HiddenUnits = Hidden, Activation = activation, Bias = bias, SecondLayerTrainable = trainOutput };
        var training = new TrainingSpec
        {
            Optimizer = optimizer,
            LearningRate = optimizer == OptimizerKind.Adam ? 0.01 : 0.2,
            Momentum = momentum,
            WeightDecay = weightDecay,
            Loss = loss,
            BatchSize = Batch,
        };
        int[] pruned = pruneOutput ? [0, 1] : [0];
        var batched = Enumerable.Range(0, Replicates).Select(r => Network(model, pruned, seed: (ulong)(10 + r))).ToList();
        var single = Enumerable.Range(0, Replicates).Select(r => Network(model, pruned, seed: (ulong)(10 + r))).ToList();
        using var initial = batched[0].Network.FirstLayer.weight!.detach().clone();
        try
        {
            using var step = TrainingSteps.Create(batched, training, CPU, batchedProducts);
            Assert.IsType(optimizer == OptimizerKind.Sgd ? typeof(TwoLayerSgdStep) : typeof(TwoLayerAutogradStep), step);
            var singleSteps = single.Select(n => TrainingSteps.Create([n], training, CPU)).ToList();
            using var batches = new Generator(7);
            for (int s = 0; s < Steps; s++)
            {
                using var scope = NewDisposeScope();
                // Rows replicate by replicate: replicate r's batch is rows r * Batch on.
                var inputs = randn([Replicates * Batch, Inputs], generator: batches);
                var labels = randint(0, 2, [Replicates * Batch], generator: batches).to(ScalarType.Float32);
                var losses = step.Forward(inputs, labels);
                for (int r = 0; r < Replicates; r++)
                {
                    double expected = singleSteps[r].Forward(inputs.narrow(0, r * Batch, Batch), labels.narrow(0, r * Batch, Batch)).Single();
                    Assert.True(Math.Abs(losses[r] - expected) <= Tolerance * (1 + Math.Abs(expected)),
                        $"step {s}, replicate {r}: loss {losses[r]} batched, {expected} single");
                    singleSteps[r].Update();
                }
                step.Update();
            }
            step.WriteBack();
            singleSteps.ForEach(s => s.WriteBack());
            singleSteps.ForEach(s => s.Dispose());
        }
        finally
        {
            batched.ForEach(n => n.Network.eval());
        }

        for (int r = 0; r < Replicates; r++)
        {
            var state = batched[r].Network.state_dict();
            foreach (var (name, expected) in single[r].Network.state_dict())
            {
                using var difference = state[name].sub(expected).abs().max();
                using var scale = expected.abs().max();
                Assert.True(difference.item<float>() <= Tolerance * (1 + scale.item<float>()),
                    $"replicate {r}, {name}: max |batched - single| = {difference.item<float>():G3}");
            }
            foreach (int layer in pruned)
            {
                using var prunedWeights = batched[r].Network.Layers[layer].weight!.masked_select(batched[r].MaskOf(layer)!.eq(0));
                Assert.True(prunedWeights.numel() > 0);
                Assert.All(prunedWeights.data<float>().ToArray(), w => Assert.Equal(0f, w));
            }
        }
        using var moved = batched[0].Network.FirstLayer.weight!.sub(initial).abs().max();
        Assert.True(moved.item<float>() > 1e-2, $"The first layer moved only {moved.item<float>():G3}: the comparison says nothing.");
        // The replicates really are different networks: a mix-up between them would not be caught otherwise.
        using var apart = batched[0].Network.FirstLayer.weight!.sub(batched[1].Network.FirstLayer.weight!).abs().max();
        Assert.True(apart.item<float>() > 1e-2);
        batched.ForEach(n => n.Dispose());
        single.ForEach(n => n.Dispose());
    }

    private static PrunableNetwork Network(ModelSpec model, int[] prunedLayers, ulong seed)
    {
        var network = new PrunableNetwork(Inputs, model, prunedLayers);
        using var generator = new Generator(seed);
        network.Network.Initialize(model, generator);
        if (model.Bias)
        {
            // Zero-initialised biases would hide a wrong bias gradient for a step.
            using var noGrad = no_grad();
            using var bias = rand([Hidden], generator: generator);
            network.Network.FirstLayer.bias!.copy_(bias);
        }
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
