using LocalityLab.Compute.Data;
using LocalityLab.Compute.Tensors;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// Trains R replicates of one two-layer experiment for a round as one stacked model (<see cref="StackedTwoLayerNetwork"/>):
/// each replicate draws its batches from its own data and generators exactly as <see cref="RoundTrainer"/> would
/// alone, so a replicate trained here follows its single run to float32 rounding. The replicates' training sets are
/// stacked once, when the trainer is made, and reused every round.
/// </summary>
internal sealed class BatchedRoundTrainer : IDisposable
{
    private readonly IReadOnlyList<ExperimentData> _data;
    private readonly TimeProvider _time;
    private readonly Tensor? _inputs, _labels, _offsets;
    private readonly int _trainingSamples;

    public BatchedRoundTrainer(IReadOnlyList<ExperimentData> data, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0 || data.Select(d => d.Train?.Count ?? 0).Distinct().Count() != 1 || data.Select(d => d.IsOnline).Distinct().Count() != 1)
        {
            throw new ArgumentException("Replicates trained together need data of the same kind and size.", nameof(data));
        }
        _data = data;
        _time = time;
        _trainingSamples = data[0].Train?.Count ?? 0;
        if (_trainingSamples > 0)
        {
            using var scope = NewDisposeScope();
            // [R * P, D] and [R * P]: replicate r's sample i is row r * P + i.
            _inputs = cat(data.Select(d => d.Train!.Inputs).ToArray(), 0).DetachFromDisposeScope();
            _labels = cat(data.Select(d => d.Train!.Labels).ToArray(), 0).to(ScalarType.Float32).DetachFromDisposeScope();
            using var count = data.Count.ToScalar();
            using var samples = _trainingSamples.ToScalar();
            _offsets = arange(ConstantScalars.IntegerZero, count, ConstantScalars.IntegerOne, dtype: ScalarType.Int64).mul_(samples).unsqueeze(1).DetachFromDisposeScope();
        }
    }

    /// <summary>Whether these networks can train stacked (two-layer, no input BatchNorm); otherwise train them one by one.</summary>
    public static bool Supports(IEnumerable<Model.PrunableNetwork> networks) => networks.All(StackedTwoLayerNetwork.Supports);

    /// <summary>The hand-written step for SGD, autograd for the other optimizers.</summary>
    public static IBatchedTrainingStep CreateStep(StackedTwoLayerNetwork network, TrainingSpec training) =>
        training.Optimizer == OptimizerKind.Sgd ? new BatchedTwoLayerSgdStep(network, training) : new BatchedAutogradStep(network, training);

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
            replicate.Network.ApplyMasks();
        }
        using var network = new StackedTwoLayerNetwork([.. replicates.Select(r => r.Network)]);
        using var step = CreateStep(network, training);

        long steps = training.StepsPerRound(_trainingSamples);
        int window = _trainingSamples > 0 ? (int)Math.Min(steps, (_trainingSamples + training.BatchSize - 1) / training.BatchSize) : 100;
        var recent = new Queue<double[]>(window);
        var recentSums = new double[count];
        var captures = replicates.Select(r => r.RewindCaptureStep).ToArray();

        Tensor? epochInputs = null, epochLabels = null, blockInputs = null, blockLabels = null;
        int cursor = 0;
        int blockSize = RoundTrainer.OnlineBlockSize(training.BatchSize);
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
                    if (epochInputs is null || cursor >= _trainingSamples)
                    {
                        epochInputs?.Dispose();
                        epochLabels?.Dispose();
                        // Each replicate's permutation from its own generator, as RoundTrainer draws it alone; the
                        // epoch's samples are gathered in that order once, so a batch is a view, not a gather per step.
                        var permutations = replicates.Select(r => randperm(_trainingSamples, generator: r.TrainingGenerator)).ToArray();
                        var order = stack(permutations).add_(_offsets!, ConstantScalars.IntegerOne).view(-1);
                        epochInputs = _inputs.index_select(0, order).view(count, _trainingSamples, -1).DetachFromDisposeScope();
                        epochLabels = _labels!.index_select(0, order).view(count, _trainingSamples).DetachFromDisposeScope();
                        cursor = 0;
                    }
                    int size = Math.Min(training.BatchSize, _trainingSamples - cursor);
                    inputs = epochInputs.narrow(1, cursor, size);
                    labels = epochLabels!.narrow(1, cursor, size);
                    cursor += size;
                }
                else
                {
                    if (blockInputs is null || cursor >= blockSize)
                    {
                        blockInputs?.Dispose();
                        blockLabels?.Dispose();
                        var blocks = new LabeledBatch[count];
                        try
                        {
                            for (int r = 0; r < count; r++)
                            {
                                blocks[r] = _data[r].Online!.Sample(blockSize, replicates[r].DataGenerator, cancellationToken);
                            }
                            blockInputs = stack(blocks.Select(b => b.Inputs).ToArray()).DetachFromDisposeScope();
                            blockLabels = stack(blocks.Select(b => b.Labels).ToArray()).to(ScalarType.Float32).DetachFromDisposeScope();
                        }
                        finally
                        {
                            foreach (var block in blocks)
                            {
                                block?.Dispose();
                            }
                        }
                        cursor = 0;
                    }
                    inputs = blockInputs.narrow(1, cursor, training.BatchSize);
                    labels = blockLabels!.narrow(1, cursor, training.BatchSize);
                    cursor += training.BatchSize;
                }

                var losses = step.Forward(inputs.to(device), labels.to(device));
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
                    network.WriteBack();
                    for (int r = 0; r < count; r++)
                    {
                        if (captures[r] == done + 1)
                        {
                            replicates[r].CaptureRewindPoint();
                        }
                    }
                }

                if (progress is not null && _time.GetElapsedTime(lastReport) >= RoundTrainer.ProgressInterval)
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
            epochInputs?.Dispose();
            epochLabels?.Dispose();
            blockInputs?.Dispose();
            blockLabels?.Dispose();
        }
        network.WriteBack();
        var outcomes = recentSums.Select(sum => new TrainingOutcome(steps, recent.Count > 0 ? sum / recent.Count : double.NaN)).ToArray();
        progress?.Report(new TrainingProgress(round, totalRounds, steps, steps, outcomes.Average(o => o.TrainLoss), 0));
        return outcomes;
    }

    public void Dispose()
    {
        _inputs?.Dispose();
        _labels?.Dispose();
        _offsets?.Dispose();
    }
}
