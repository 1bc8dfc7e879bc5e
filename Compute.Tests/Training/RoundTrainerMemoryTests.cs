using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tests.Hosting;
using LocalityLab.Compute.Tests.Runs;
using LocalityLab.Compute.Training;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Training;

/// <summary>Every step's tensors are disposed: the number of live tensors does not grow with the number of steps.</summary>
[Collection(LibTorchThreadsCollection.Name)] // runs alone: the live-tensor count is process-wide
public sealed class RoundTrainerMemoryTests
{
    [Fact]
    public void Live_tensors_stay_flat_over_thousands_of_steps()
    {
        var spec = TestRunner.Small();
        using var dataGenerator = new Generator(1);
        using var trainingGenerator = new Generator(2);
        using var data = ExperimentDataBuilder.Build(spec.Data, dataGenerator);
        using var network = new PrunableNetwork(data.Shape.Inputs, spec.Model, [0]);
        network.Network.Initialize(spec.Model, trainingGenerator);
        using var trainer = new RoundTrainer([data], TimeProvider.System);

        long Grow(int steps)
        {
            // Earlier tests' tensors finalised now rather than during the measurement.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = Tensor.TotalCount;
            trainer.Train([new ReplicateRound(network, trainingGenerator, dataGenerator, null, () => { })], spec.Training with { Steps = steps }, CPU, 0, 0, null, default);
            return Tensor.TotalCount - before;
        }

        Grow(10); // the first backward creates the gradients, which then live as long as the network
        long afterTen = Grow(10);
        long afterThreeThousand = Grow(3000);

        // One leaked tensor per step would show as thousands; a few either way are other threads' finalisers.
        Assert.InRange(afterTen, -5, 5);
        Assert.InRange(afterThreeThousand, -5, 5);
    }
}
