using System.Diagnostics;
using LocalityLab.Compute.Data;
using LocalityLab.Compute.Model;
using LocalityLab.Compute.Pruning;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// The state of one running experiment between rounds: data, network, masks, rewind point and generators.
/// Round 0 trains the dense net; each later round rewinds the survivors, retrains with the mask fixed, and
/// measures. Everything random comes from two generators seeded by the spec, so a checkpoint of their states
/// resumes a run exactly.
/// </summary>
internal sealed class ExperimentSession : IDisposable
{
    private const string MaskPrefix = "mask.";

    private readonly ExperimentSpec _spec;
    private readonly Device _device;
    private readonly ExperimentData _data;
    private readonly PrunableNetwork _network;
    private readonly Generator _trainingGenerator;
    private readonly Generator _dataGenerator;
    private readonly IPruningStrategy _strategy;
    private readonly TimeProvider _time;
    // Made at the first round this session trains itself (a study on a GPU trains its replicates' rounds stacked instead).
    private RoundTrainer? _trainer;
    private IReadOnlyDictionary<int, float[]> _masks;
    private IReadOnlyList<NamedArray> _rewindWeights;
    private IReadOnlyList<NamedArray> _trainedWeights;
    private long _totalSteps;
    // What the last rounds spent besides training, for the ETA: finishing a round holds up the next one's training,
    // while its measures run beside that training and hold it up only by what outlasts it.
    private double _lastFinishSeconds;
    private IReadOnlyList<IReadOnlyDictionary<int, float[]>>? _followedMasks;

    /// <param name="data">The spec's data already built (a share this session disposes), or null to build it here. Only
    /// for a session that restores a checkpoint: building also advances the data generator, whose state comes from the
    /// checkpoint then.</param>
    private ExperimentSession(ExperimentSpec spec, Device device, TimeProvider time, ExperimentData? data, CancellationToken cancellationToken)
    {
        _spec = spec;
        _device = device;
        _time = time;
        _trainingGenerator = new Generator(RunSeeds.Training(spec.Seed));
        // A second, independent stream for the data, so changing the network never changes the samples.
        _dataGenerator = RunSeeds.DataGenerator(spec);
        _data = data ?? ExperimentDataBuilder.Build(spec.Data, _dataGenerator, cancellationToken);

        var prunedLayers = spec.Pruning.Layers
            ?? Enumerable.Range(0, Shared.Validation.ExperimentSpecValidator.WeightLayers(spec.Model) - 1).ToArray();
        _network = new PrunableNetwork(_data.Shape.Inputs, spec.Model, prunedLayers.Order().ToArray());
        _network.Network.Initialize(spec.Model, _trainingGenerator);
        _network.Network.to(device);
        _masks = _network.Masks();
        _trainedWeights = _network.Snapshot();
        _rewindWeights = _trainedWeights;
        _strategy = PruningStrategies.Create(PruningStrategies.For(spec.Pruning), spec.Pruning.Scope, _trainingGenerator);
    }

    /// <summary>The next round to run.</summary>
    public int Round { get; private set; }

    /// <summary>The last round: the dense round 0 plus the pruning rounds (just one for the one-shot control).</summary>
    public int LastRound => _spec.LastRound;

    public bool HasNextRound => Round <= LastRound;

    public InputShape Shape => _data.Shape;

    /// <param name="data">With <paramref name="resumeFrom"/> only: the spec's data already built, a share the session
    /// disposes (a branch resumed beside its trunk).</param>
    public static ExperimentSession Start(ExperimentSpec spec, Device device, TimeProvider time, RoundCheckpoint? resumeFrom,
        CancellationToken cancellationToken, ExperimentData? data = null)
    {
        if (resumeFrom is null && data is not null)
        {
            data.Dispose();
            throw new ArgumentException("A fresh run builds its own data: the build advances its data generator.", nameof(data));
        }
        var session = new ExperimentSession(spec, device, time, data, cancellationToken);
        if (resumeFrom is not null)
        {
            session.Restore(resumeFrom);
        }
        return session;
    }

    /// <summary>
    /// A control as a branch off a trunk's trained dense round 0 (the same seed's IMP run, as OpenLTH does): the
    /// trunk's weights, rewind point and generator states, and the next mask chosen by this spec's own strategy.
    /// Its round 0 is the trunk's; it runs from round 1. <paramref name="trunkData"/>, if given, is the trunk's data (the
    /// same spec's data and seed: the same sets), a share the session disposes; else it is drawn again.
    /// </summary>
    public static ExperimentSession Branch(ExperimentSpec spec, Device device, TimeProvider time, RoundCheckpoint trunkRound0,
        CancellationToken cancellationToken, ExperimentData? trunkData = null)
    {
        if (trunkRound0.Round != 0)
        {
            throw new ArgumentException($"A branch starts from its trunk's round 0; got round {trunkRound0.Round}.", nameof(trunkRound0));
        }
        var session = new ExperimentSession(spec, device, time, trunkData, cancellationToken);
        var dense = session._masks;
        session.Restore(trunkRound0);
        session._masks = session._strategy.Prune(dense, session._network.PrunedWeights(), session.NextFraction(0));
        return session;
    }

    /// <summary>
    /// Random reinitialisation: from the trunk's round 0 (or a checkpoint of this control), each round keeps IMP's
    /// mask of that round and redraws every weight from the initial distribution (a generator seeded by the spec's
    /// seed and the round, so a resumed run draws the same). <paramref name="impNextMasks"/>[n] is the mask IMP chose
    /// after its round n (so the mask of IMP's round n + 1), for n = 0 to the last round. <paramref name="trunkData"/>
    /// as for <see cref="Branch"/>.
    /// </summary>
    public static ExperimentSession FollowMasks(ExperimentSpec spec, Device device, TimeProvider time,
        IReadOnlyList<IReadOnlyDictionary<int, float[]>> impNextMasks, RoundCheckpoint resumeFrom, CancellationToken cancellationToken,
        ExperimentData? trunkData = null)
    {
        if (impNextMasks.Count <= spec.LastRound)
        {
            trunkData?.Dispose();
            throw new ArgumentException($"Following IMP needs its masks after rounds 0 to {spec.LastRound}; got {impNextMasks.Count}.",
                nameof(impNextMasks));
        }
        var session = new ExperimentSession(spec, device, time, trunkData, cancellationToken) { _followedMasks = impNextMasks };
        session.Restore(resumeFrom);
        session._masks = impNextMasks[resumeFrom.Round];
        return session;
    }

    public RoundResult RunNextRound(IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        using var finished = TrainRound(progress, cancellationToken);
        return finished.Measure(cancellationToken);
    }

    /// <summary>
    /// Trains the next round and finishes it (evaluation, next mask, checkpoint) without measuring it: the caller
    /// measures the round, on another thread if it likes, while this session trains the one after.
    /// </summary>
    public FinishedRound TrainRound(IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int round = Round;
        BeginRound();
        // Each report says what the last round held the next one up by: its finishing. Its measures run beside this
        // round's training, and how much of them will outlast it is not known yet (mixing in an older round's overrun made
        // the report one round's finishing plus another's measures, more than either round spent).
        var reported = progress is null ? null : new MeasureTimeProgress(progress, _lastFinishSeconds);
        _trainer ??= new RoundTrainer([_data], _time);
        var outcome = _trainer.Train([AsReplicate()], _spec.Training, _device, round, LastRound, reported, cancellationToken)[0];
        return FinishRound(outcome, clock.Elapsed);
    }

    /// <summary>The step of this round after which the rewind point is taken (round 0 with late rewinding), if any.</summary>
    internal long? RewindCaptureStep =>
        Round == 0 && _spec.Pruning.Rewind == RewindKind.Step && _spec.Pruning.RewindStep > 0 ? _spec.Pruning.RewindStep : null;

    /// <summary>This session's part in a round its trainer (or a study's, beside other replicates) trains.</summary>
    internal ReplicateRound AsReplicate() => new(_network, _trainingGenerator, _dataGenerator, RewindCaptureStep, CaptureRewindPoint);

    /// <summary>Takes the network's current weights as the point later rounds rewind to.</summary>
    internal void CaptureRewindPoint() => _rewindWeights = _network.Snapshot();

    /// <summary>Readies the network for the next round: rewound (or redrawn) and masked.</summary>
    internal void BeginRound() => PrepareRound();

    /// <summary>
    /// After the round's training (done by the caller, alone or batched with other replicates): evaluates, chooses
    /// the next mask, measures, and checkpoints.
    /// </summary>
    internal RoundResult CompleteRound(TrainingOutcome outcome, TimeSpan trainingTime, CancellationToken cancellationToken)
    {
        using var finished = FinishRound(outcome, trainingTime);
        return finished.Measure(cancellationToken);
    }

    /// <summary>
    /// After the round's training: evaluates, chooses the next mask, checkpoints, and copies off what the measures read,
    /// so the next round can start while <see cref="FinishedRound.Measure"/> runs (the caller disposes the round).
    /// </summary>
    internal FinishedRound FinishRound(TrainingOutcome outcome, TimeSpan trainingTime)
    {
        var clock = Stopwatch.StartNew();
        int round = Round;
        _totalSteps += outcome.Steps;
        _trainedWeights = _network.Snapshot();
        var evaluation = RoundTrainer.Evaluate(_network.Network, _data.Test, _spec.Training.Loss, _device);

        var currentMasks = _masks;
        var nextMasks = _followedMasks is { } followed
            ? followed[round]
            : _strategy.Prune(currentMasks, _network.PrunedWeights(), NextFraction(round));
        var layer = MeasuredLayer.Of(_network, _data);

        _masks = nextMasks;
        Round = round + 1;
        var checkpoint = new RoundCheckpoint(
            round,
            nextMasks.Select(m => new NamedArray(MaskPrefix + m.Key, _network.Network.Layers[m.Key].weight!.shape, m.Value)).ToList(),
            _rewindWeights,
            _trainedWeights,
            _trainingGenerator.get_state().data<byte>().ToArray(),
            _dataGenerator.get_state().data<byte>().ToArray(),
            _totalSteps);
        var finishing = clock.Elapsed;
        _lastFinishSeconds = finishing.TotalSeconds;
        return new FinishedRound(_spec, round, outcome, evaluation, currentMasks, nextMasks, LayerSparsities(currentMasks), layer, checkpoint,
            trainingTime + finishing);
    }

    internal ExperimentSpec Spec => _spec;

    internal Device Device => _device;

    /// <summary>The weight layer a checkpoint's mask array belongs to ("mask.0" is layer 0).</summary>
    internal static int MaskLayer(string name) =>
        int.Parse(name[MaskPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);

    internal Generator TrainingGenerator => _trainingGenerator;

    internal Generator DataGenerator => _dataGenerator;

    /// <summary>The network being trained (a study's batched trainer trains it; tests look inside a round).</summary>
    internal PrunableNetwork Network => _network;

    /// <summary>The data the run trains and measures on.</summary>
    internal ExperimentData Data => _data;

    /// <summary>The weights the next round starts from: the rewind point (or the trained weights when fine-tuning), masked.</summary>
    internal void PrepareRound()
    {
        if (Round > 0 && _followedMasks is not null)
        {
            using var redraw = new Generator(RunSeeds.Reinit(_spec.Seed, Round));
            _network.Network.Initialize(_spec.Model, redraw);
        }
        else if (Round > 0)
        {
            _network.Load(_spec.Pruning.Rewind == RewindKind.None ? _trainedWeights : _rewindWeights);
        }
        _network.SetMasks(_masks);
    }

    /// <summary>The fraction of survivors the pruning after <paramref name="round"/> removes.</summary>
    private double NextFraction(int round)
    {
        double p = _spec.Pruning.FractionPerRound;
        // One-shot: from the dense net straight to IMP's final sparsity 1 - (1 - p)^rounds.
        return _spec.Pruning.Control == PruningControl.OneShot && round == 0
            ? 1 - Math.Pow(1 - p, _spec.Pruning.Rounds)
            : p;
    }

    private List<LayerSparsity> LayerSparsities(IReadOnlyDictionary<int, float[]> masks)
    {
        var layers = new List<LayerSparsity>();
        for (int i = 0; i < _network.Network.Layers.Count; i++)
        {
            long weights = _network.Network.Layers[i].weight!.numel();
            bool pruned = masks.TryGetValue(i, out var mask);
            long surviving = pruned ? mask!.LongCount(m => m != 0) : weights;
            layers.Add(new LayerSparsity(i, weights, surviving, 1 - (double)surviving / weights, pruned));
        }
        return layers;
    }

    private void Restore(RoundCheckpoint checkpoint)
    {
        if (checkpoint.Round < 0 || checkpoint.Round >= LastRound)
        {
            throw new ArgumentException($"Cannot resume after round {checkpoint.Round}: this experiment's rounds are 0 to {LastRound}.",
                nameof(checkpoint));
        }
        _network.Load(checkpoint.TrainedWeights);
        _trainedWeights = checkpoint.TrainedWeights;
        _rewindWeights = checkpoint.RewindWeights;
        _masks = checkpoint.NextMasks.ToDictionary(m => MaskLayer(m.Name), m => m.Values);
        using (var state = tensor(checkpoint.TrainingGeneratorState))
        {
            _trainingGenerator.set_state(state);
        }
        using (var state = tensor(checkpoint.DataGeneratorState))
        {
            _dataGenerator.set_state(state);
        }
        _totalSteps = checkpoint.TotalSteps;
        Round = checkpoint.Round + 1;
    }

    public void Dispose()
    {
        _trainer?.Dispose();
        _network.Dispose();
        _data.Dispose();
        _trainingGenerator.Dispose();
        _dataGenerator.Dispose();
    }

    private sealed class MeasureTimeProgress(IProgress<TrainingProgress> inner, double measureSeconds) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(value with { MeasureSeconds = measureSeconds });
    }
}
