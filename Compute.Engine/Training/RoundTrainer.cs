using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// Trains a masked network for one round with the mask held fixed. Every random draw (batch order, online
/// samples) comes from the generators passed in, so a round is reproducible from their states.
/// </summary>
internal sealed class RoundTrainer(TimeProvider time)
{
    /// <summary>How often progress is reported while training (the contract is at least once a second).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private const int EvaluationBatch = 4096;

    /// <param name="afterStep">Called with the number of steps done after each step (round 0 captures the rewind point with it).</param>
    public TrainingOutcome Train(
        PrunableNetwork network,
        ExperimentData data,
        TrainingSpec training,
        Device device,
        Generator trainingGenerator,
        Generator dataGenerator,
        int round,
        int totalRounds,
        Action<long>? afterStep,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        network.Network.train();
        // Pruned weights must be exactly zero before the first step: both steps keep them there from then on.
        network.ApplyMasks();
        using var step = CreateStep(network, training);

        int trainingSamples = data.Train is null ? 0 : data.Train.Count;
        long steps = training.StepsPerRound(trainingSamples);
        int window = trainingSamples > 0 ? (int)Math.Min(steps, (trainingSamples + training.BatchSize - 1) / training.BatchSize) : 100;
        var recentLosses = new Queue<double>(window);
        double recentSum = 0;

        Tensor? order = null;
        int cursor = 0;
        // Online: draw a balanced block of an even number of samples and step through it, so even batch size 1
        // sees both classes equally; a round discards its unused remainder, so checkpoints stay exact.
        LabeledBatch? block = null;
        // Labels as float once per set or block, the form both losses take, instead of once per step.
        Tensor? blockLabels = null;
        using var trainLabels = data.Train?.Labels.to(ScalarType.Float32);
        int blockSize = OnlineBlockSize(training.BatchSize);
        long lastReport = time.GetTimestamp();
        long started = lastReport;
        try
        {
            for (long done = 0; done < steps; done++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();

                Tensor inputs, labels;
                if (data.Train is { } train)
                {
                    if (order is null || cursor >= trainingSamples)
                    {
                        order?.Dispose();
                        order = randperm(trainingSamples, generator: trainingGenerator).DetachFromDisposeScope();
                        cursor = 0;
                    }
                    int size = Math.Min(training.BatchSize, trainingSamples - cursor);
                    var indices = order.narrow(0, cursor, size);
                    cursor += size;
                    inputs = train.Inputs.index_select(0, indices);
                    labels = trainLabels!.index_select(0, indices);
                }
                else
                {
                    if (block is null || cursor >= blockSize)
                    {
                        block?.Dispose();
                        block = data.Online!.Sample(blockSize, dataGenerator, cancellationToken);
                        blockLabels?.Dispose();
                        blockLabels = block.Labels.to(ScalarType.Float32).DetachFromDisposeScope();
                        cursor = 0;
                    }
                    inputs = block.Inputs.narrow(0, cursor, training.BatchSize);
                    labels = blockLabels!.narrow(0, cursor, training.BatchSize);
                    cursor += training.BatchSize;
                }

                double value = step.Forward(OnDevice(inputs, device), OnDevice(labels, device));
                if (!double.IsFinite(value))
                {
                    throw new TrainingDivergedException(round, done, value);
                }
                step.Update();

                recentLosses.Enqueue(value);
                recentSum += value;
                if (recentLosses.Count > window)
                {
                    recentSum -= recentLosses.Dequeue();
                }

                afterStep?.Invoke(done + 1);

                if (progress is not null && time.GetElapsedTime(lastReport) >= ProgressInterval)
                {
                    lastReport = time.GetTimestamp();
                    double seconds = time.GetElapsedTime(started).TotalSeconds;
                    progress.Report(new TrainingProgress(round, totalRounds, done + 1, steps, recentSum / recentLosses.Count,
                        seconds > 0 ? (done + 1) / seconds : 0));
                }
            }
        }
        finally
        {
            order?.Dispose();
            block?.Dispose();
            blockLabels?.Dispose();
        }

        double trainLoss = recentLosses.Count > 0 ? recentSum / recentLosses.Count : double.NaN;
        progress?.Report(new TrainingProgress(round, totalRounds, steps, steps, trainLoss, 0));
        return new TrainingOutcome(steps, trainLoss);
    }

    /// <summary>A whole number of batches, at least 256 samples, and even (so exactly balanced).</summary>
    public static int OnlineBlockSize(int batchSize)
    {
        int block = batchSize * (int)Math.Ceiling(Math.Max(256.0, batchSize) / batchSize);
        return block % 2 == 0 ? block : 2 * block;
    }

    public static Evaluation Evaluate(FullyConnectedNetwork model, LabeledBatch set, LossKind lossKind, Device device)
    {
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            double lossSum = 0;
            long correct = 0;
            for (int start = 0; start < set.Count; start += EvaluationBatch)
            {
                using var scope = NewDisposeScope();
                int size = Math.Min(EvaluationBatch, set.Count - start);
                var inputs = set.Inputs.narrow(0, start, size).to(device);
                var labels = set.Labels.narrow(0, start, size).to(device);
                var output = model.forward(inputs);
                lossSum += TrainingLoss.Compute(output, labels, lossKind).item<float>() * size;
                // BCE: logit > 0 predicts class 1; MSE: output > 0 predicts +1 = class 1.
                correct += output.gt(ConstantScalars.Zero).to(ScalarType.Int64).eq(labels).sum().item<long>();
            }
            return new Evaluation((double)correct / set.Count, lossSum / set.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The hand-written step where it computes the spec's training (SGD on the two-layer network), else autograd.</summary>
    public static ITrainingStep CreateStep(PrunableNetwork network, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(network);
        return TwoLayerSgdStep.Supports(network.Network, training)
            ? new TwoLayerSgdStep(network, training)
            : new AutogradTrainingStep(network, training);
    }

    private static Tensor OnDevice(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == TorchSharp.DeviceType.CPU || tensor.device_index == device.index) ? tensor : tensor.to(device);
}
