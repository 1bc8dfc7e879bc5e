using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// Trains R replicates of one experiment for a round with their masks held fixed (R = 1 is a single run; a study's
/// replicates on a GPU train as one stacked model): the one training loop. Each replicate draws its batches from its
/// own data and generators (batch order, online samples) exactly as it would alone, so a round is reproducible from
/// their states and a replicate trained beside others follows its single run. The step is <see cref="TrainingSteps"/>'
/// choice. With several replicates their training sets are stacked once, when the trainer is made, and reused every round.
/// </summary>
internal sealed class RoundTrainer : IDisposable
{
    /// <summary>How often progress is reported while training (the contract is at least once a second).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private const int EvaluationBatch = 4096;

    private readonly IReadOnlyList<ExperimentData> _data;
    private readonly TimeProvider _time;
    private readonly bool? _batchedProducts;
    // The replicates' training sets as [R * P, D] and float labels [R * P] (replicate r's sample i is row r * P + i), and
    // r * P as [R, 1]; one replicate's inputs are its own set's, not a copy.
    private readonly Tensor? _inputs, _labels, _offsets;
    private readonly bool _ownsInputs;
    private readonly int _trainingSamples;

    /// <param name="batchedProducts">Null: as <see cref="TrainingSteps.BatchesProducts"/> says for the round's device.</param>
    public RoundTrainer(IReadOnlyList<ExperimentData> data, TimeProvider time, bool? batchedProducts = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0 || data.Select(d => d.Train?.Count ?? 0).Distinct().Count() != 1 || data.Select(d => d.IsOnline).Distinct().Count() != 1)
        {
            throw new ArgumentException("Replicates trained together need data of the same kind and size.", nameof(data));
        }
        _data = data;
        _time = time;
        _batchedProducts = batchedProducts;
        _trainingSamples = data[0].Train?.Count ?? 0;
        if (_trainingSamples > 0)
        {
            using var scope = NewDisposeScope();
            _ownsInputs = data.Count > 1;
            _inputs = _ownsInputs ? cat(data.Select(d => d.Train!.Inputs).ToArray(), 0).DetachFromDisposeScope() : data[0].Train!.Inputs;
            // Labels as float once, the form both losses take, instead of once per step.
            _labels = cat(data.Select(d => d.Train!.Labels).ToArray(), 0).to(ScalarType.Float32).DetachFromDisposeScope();
            using var count = data.Count.ToScalar();
            using var samples = _trainingSamples.ToScalar();
            _offsets = arange(ConstantScalars.IntegerZero, count, ConstantScalars.IntegerOne, dtype: ScalarType.Int64).mul_(samples).unsqueeze(1).DetachFromDisposeScope();
        }
    }

    /// <summary>One round for every replicate; the replicates' networks hold the trained weights afterwards.</summary>
    public IReadOnlyList<TrainingOutcome> Train(
        IReadOnlyList<ReplicateRound> replicates,
        TrainingSpec training,
        Device device,
        int round,
        int totalRounds,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        ArgumentNullException.ThrowIfNull(training);
        if (replicates.Count != _data.Count)
        {
            throw new ArgumentException($"This trainer holds {_data.Count} replicates' data; got {replicates.Count} replicates.", nameof(replicates));
        }
        int count = replicates.Count;
        foreach (var replicate in replicates)
        {
            replicate.Network.Network.train();
            // Pruned weights must be exactly zero before the first step: every step keeps them there from then on.
            replicate.Network.ApplyMasks();
        }
        using var step = TrainingSteps.Create([.. replicates.Select(r => r.Network)], training, device, _batchedProducts);

        long steps = training.StepsPerRound(_trainingSamples);
        int window = _trainingSamples > 0 ? (int)Math.Min(steps, (_trainingSamples + training.BatchSize - 1) / training.BatchSize) : 100;
        var recent = new Queue<double[]>(window);
        var recentSums = new double[count];
        var captures = replicates.Select(r => r.RewindCaptureStep).ToArray();

        // Fixed sets: each replicate's order for the epoch, as rows of the stacked set. Online: a balanced block of an even
        // number of samples per replicate, stepped through, so even batch size 1 sees both classes equally; a round
        // discards its unused remainder, so checkpoints stay exact.
        Tensor? order = null, blockInputs = null, blockLabels = null;
        int cursor = 0;
        int blockSize = OnlineBlockSize(training.BatchSize);
        long lastReport = _time.GetTimestamp(), started = lastReport;
        try
        {
            for (long done = 0; done < steps; done++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor inputs, labels;
                if (_inputs is not null)
                {
                    if (order is null || cursor >= _trainingSamples)
                    {
                        order?.Dispose();
                        // Each replicate's permutation from its own generator, as it draws it alone: [P] for one, [R, P] for several.
                        order = count == 1
                            ? randperm(_trainingSamples, generator: replicates[0].TrainingGenerator).DetachFromDisposeScope()
                            : stack(replicates.Select(r => randperm(_trainingSamples, generator: r.TrainingGenerator)).ToArray())
                                .add_(_offsets!, ConstantScalars.IntegerOne).DetachFromDisposeScope();
                        cursor = 0;
                    }
                    int size = Math.Min(training.BatchSize, _trainingSamples - cursor);
                    var indices = count == 1 ? order.narrow(0, cursor, size) : order.narrow(1, cursor, size).reshape(-1);
                    cursor += size;
                    inputs = _inputs.index_select(0, indices);
                    labels = _labels!.index_select(0, indices);
                }
                else
                {
                    if (blockInputs is null || cursor >= blockSize)
                    {
                        blockInputs?.Dispose();
                        blockLabels?.Dispose();
                        (blockInputs, blockLabels) = SampleBlocks(replicates, blockSize, cancellationToken);
                        cursor = 0;
                    }
                    inputs = count == 1
                        ? blockInputs.narrow(0, cursor, training.BatchSize)
                        : blockInputs.narrow(1, cursor, training.BatchSize).reshape(count * training.BatchSize, -1);
                    labels = count == 1 ? blockLabels!.narrow(0, cursor, training.BatchSize) : blockLabels!.narrow(1, cursor, training.BatchSize).reshape(-1);
                    cursor += training.BatchSize;
                }

                var losses = step.Forward(OnDevice(inputs, device), OnDevice(labels, device));
                for (int r = 0; r < count; r++)
                {
                    if (!double.IsFinite(losses[r]))
                    {
                        throw new TrainingDivergedException(round, done, losses[r]);
                    }
                }
                step.Update();

                recent.Enqueue(losses);
                for (int r = 0; r < count; r++)
                {
                    recentSums[r] += losses[r];
                }
                if (recent.Count > window)
                {
                    var oldest = recent.Dequeue();
                    for (int r = 0; r < count; r++)
                    {
                        recentSums[r] -= oldest[r];
                    }
                }

                if (captures.Any(c => c == done + 1))
                {
                    step.WriteBack();
                    for (int r = 0; r < count; r++)
                    {
                        if (captures[r] == done + 1)
                        {
                            replicates[r].CaptureRewindPoint();
                        }
                    }
                }

                if (progress is not null && _time.GetElapsedTime(lastReport) >= ProgressInterval)
                {
                    lastReport = _time.GetTimestamp();
                    double seconds = _time.GetElapsedTime(started).TotalSeconds;
                    progress.Report(new TrainingProgress(round, totalRounds, done + 1, steps, recentSums.Average() / recent.Count,
                        seconds > 0 ? (done + 1) / seconds : 0));
                }
            }
        }
        finally
        {
            order?.Dispose();
            blockInputs?.Dispose();
            blockLabels?.Dispose();
        }
        step.WriteBack();
        var outcomes = recentSums.Select(sum => new TrainingOutcome(steps, recent.Count > 0 ? sum / recent.Count : double.NaN)).ToArray();
        progress?.Report(new TrainingProgress(round, totalRounds, steps, steps, outcomes.Average(o => o.TrainLoss), 0));
        return outcomes;
    }

    /// <summary>A whole number of batches, at least 256 samples, and even (so exactly balanced).</summary>
    public static int OnlineBlockSize(int batchSize)
    {
        int block = batchSize * (int)Math.Ceiling(Math.Max(256.0, batchSize) / batchSize);
        return block % 2 == 0 ? block : 2 * block;
    }

    public static Evaluation Evaluate(FullyConnectedNetwork model, LabeledBatch set, LossKind lossKind, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
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

    public void Dispose()
    {
        if (_ownsInputs)
        {
            _inputs?.Dispose();
        }
        _labels?.Dispose();
        _offsets?.Dispose();
    }

    /// <summary>Each replicate's next online block from its own data generator, stacked: [R, block, D] and float labels [R, block] ([block, D] and [block] for one).</summary>
    private (Tensor Inputs, Tensor Labels) SampleBlocks(IReadOnlyList<ReplicateRound> replicates, int blockSize, CancellationToken cancellationToken)
    {
        var blocks = new LabeledBatch[replicates.Count];
        try
        {
            for (int r = 0; r < replicates.Count; r++)
            {
                blocks[r] = _data[r].Online!.Sample(blockSize, replicates[r].DataGenerator, cancellationToken);
            }
            if (blocks.Length == 1)
            {
                return (blocks[0].Inputs.alias().DetachFromDisposeScope(), blocks[0].Labels.to(ScalarType.Float32).DetachFromDisposeScope());
            }
            return (stack(blocks.Select(b => b.Inputs).ToArray()).DetachFromDisposeScope(),
                stack(blocks.Select(b => b.Labels).ToArray()).to(ScalarType.Float32).DetachFromDisposeScope());
        }
        finally
        {
            foreach (var block in blocks)
            {
                block?.Dispose();
            }
        }
    }

    private static Tensor OnDevice(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == TorchSharp.DeviceType.CPU || tensor.device_index == device.index) ? tensor : tensor.to(device);
}
