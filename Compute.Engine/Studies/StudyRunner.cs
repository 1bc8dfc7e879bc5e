using System.Diagnostics;
using System.Runtime.CompilerServices;
using LocalityLab.Compute.Data;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// Runs a study: for each condition, its R replicates train side by side (on a GPU as one stacked model), IMP first,
/// then the controls that branch off IMP's trained round 0 and follow its masks (on IMP's data, drawn once), then the
/// other trunk (the clone). Yields every replicate's round as it completes; given what is already stored, it
/// continues each condition from the last round all its replicates have, to the results an uninterrupted study gives
/// (rounds a replicate already has are yielded again, identical; the caller keeps the first). Given only some of the
/// conditions (a remote worker's share), it computes those, a branch reading its trunk's checkpoints from the store:
/// each condition's replicates train in the same company either way, so its results are the whole study's.
/// </summary>
internal sealed class StudyRunner(TorchRuntime torch, StudyAdmission admission, ExperimentAdmission runs, TimeProvider time)
{
    public async IAsyncEnumerable<StudyRound> RunAsync(
        StudySpec study,
        IProgress<StudyProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default,
        IStudyCheckpoints? stored = null,
        IReadOnlyCollection<StudyCondition>? only = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var errors = admission.Check(study);
        if (errors.Count > 0)
        {
            throw new ExperimentRejectedException(errors);
        }
        study = study with { Base = runs.Locate(study.Base) };

        var memory = new Dictionary<(StudyCondition, int, int), RoundCheckpoint>();
        RoundCheckpoint? Find(StudyCondition condition, int replicate, int round) =>
            memory.GetValueOrDefault((condition, replicate, round)) ?? stored?.Checkpoint(condition, replicate, round);

        var branches = study.Conditions.Where(c => c.Describe().BranchesOffImp).Order().ToArray();
        // IMP, then the controls that branch off it, which train on IMP's data (the same spec's data and seed: the same
        // sets, drawn once) while it is held here, then the other trunk.
        var order = study.Conditions
            .OrderBy(c => c == StudyCondition.Imp ? 0 : c.Describe().BranchesOffImp ? 1 : 2)
            .ThenBy(c => c)
            .Where(c => only is null || only.Contains(c))
            .ToArray();
        bool branchesHere = order.Any(c => c.Describe().BranchesOffImp);
        var impData = new List<ExperimentData>(); // a share of each replicate's, from IMP's start until its branches have theirs
        void ReleaseImpData()
        {
            foreach (var data in impData)
            {
                data.Dispose();
            }
            impData.Clear();
        }
        try
        {
            foreach (var condition in order)
            {
                var control = StudyControls.For(condition);
                bool branch = condition.Describe().BranchesOffImp;
                if (!branch && condition != StudyCondition.Imp)
                {
                    ReleaseImpData(); // the branches have run
                }
                int lastRound = study.ReplicateSpec(condition, 0).LastRound;
                var lasts = Enumerable.Range(0, study.Replicates).Select(r => stored?.LastRound(condition, r)).ToArray();
                if (lasts.All(last => last >= lastRound))
                {
                    continue;
                }
                // All R replicates always train together, from the round the furthest behind has: batched products sum in
                // an order that depends on R, so a replicate trained in another company would differ in the last bits.
                // Rounds a replicate already has are computed again, identically, and the caller skips them.
                int? from = lasts.Any(last => last is null) ? null : lasts.Min();
                int[] replicates = [.. Enumerable.Range(0, study.Replicates)];
                var sessions = new List<ExperimentSession>();
                try
                {
                    var starts = new StudyStart[replicates.Length];
                    foreach (int r in replicates)
                    {
                        starts[r] = new StudyStart(
                            study.ReplicateSpec(condition, r),
                            torch.Device,
                            time,
                            // A branch's round 0 is its trunk's: with nothing after it stored, it branches afresh.
                            from is { } last && (!branch || last >= 1)
                                ? Find(condition, r, last) ?? throw Missing(condition, r, last)
                                : null,
                            () => Find(StudyCondition.Imp, r, 0) ?? throw Missing(StudyCondition.Imp, r, 0),
                            () => [.. Enumerable.Range(0, lastRound + 1).Select(n => Masks(Find(StudyCondition.Imp, r, n) ?? throw Missing(StudyCondition.Imp, r, n)))],
                            () => branch && r < impData.Count ? impData[r].Share() : null);
                    }
                    // The replicates' data and networks are made side by side, as their rounds will be.
                    var started = new ExperimentSession?[replicates.Length];
                    try
                    {
                        await ComputeThreads.ForEachAsync(replicates, Streams, (r, token) => started[r] = control.Start(starts[r], token),
                            cancellationToken);
                    }
                    finally
                    {
                        sessions.AddRange(started.OfType<ExperimentSession>());
                    }
                    if (condition == StudyCondition.Imp && branchesHere)
                    {
                        impData.AddRange(sessions.Select(s => s.Data.Share()));
                    }
                    var round0Conditions = condition == StudyCondition.Imp ? [.. branches, condition] : new[] { condition };
                    // On a GPU the replicates train as one stacked model. On the CPU each trains as its own run, side by side
                    // (RoundStreams): the products are compute-bound there, so stacking saves nothing, and libtorch's
                    // batched products on one thread were 4 times slower than the replicates' own.
                    var trainer = torch.DeviceType == TorchSharp.DeviceType.CUDA && TrainingSteps.CanStack(sessions.Select(s => s.Network))
                        ? new RoundTrainer([.. sessions.Select(s => s.Data)], time)
                        : null;
                    var forward = progress is null ? null : new ForwardedProgress(progress, condition, replicates);
                    var rounds = trainer is null
                        ? RoundStreams.RunAsync(sessions, forward, Streams, cancellationToken)
                        : StackedAsync(sessions, trainer, forward, cancellationToken);
                    try
                    {
                        await foreach (var results in rounds)
                        {
                            for (int i = 0; i < results.Count; i++)
                            {
                                var result = results[i];
                                int r = replicates[i];
                                memory[(condition, r, result.Round)] = result.Checkpoint!;
                                if (condition != StudyCondition.Imp)
                                {
                                    memory.Remove((condition, r, result.Round - 2));
                                }
                                yield return new StudyRound(result.Round == 0 ? round0Conditions : [condition], r, result);
                            }
                        }
                    }
                    finally
                    {
                        trainer?.Dispose();
                    }
                }
                finally
                {
                    foreach (var session in sessions)
                    {
                        session.Dispose();
                    }
                }
            }
        }
        finally
        {
            ReleaseImpData();
        }
    }

    /// <summary>How many libtorch streams of Compute:Threads threads the cores hold.</summary>
    private int Streams => Math.Max(1, Environment.ProcessorCount / torch.Info.Threads);

    /// <summary>
    /// The replicates as one stacked model (on a GPU), on two streams as a single run: the replicates' round r is measured
    /// while their round r + 1 trains.
    /// </summary>
    private static async IAsyncEnumerable<IReadOnlyList<RoundResult>> StackedAsync(
        IReadOnlyList<ExperimentSession> sessions, RoundTrainer trainer, IProgress<TrainingProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var training = TrainRound(sessions, trainer, progress, stop.Token);
        try
        {
            while (training is not null)
            {
                var finished = await training;
                List<RoundResult> results;
                try
                {
                    training = TrainRound(sessions, trainer, progress, stop.Token);
                    results = await ComputeThreads.Run(() => finished.Select(f => f.Measure(stop.Token)).ToList(), stop.Token);
                }
                finally
                {
                    foreach (var round in finished)
                    {
                        round.Dispose();
                    }
                }
                yield return results;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await AbandonAsync(training);
        }
    }

    /// <summary>The replicates' next round, trained (batched where it can be) and finished but not measured; null after the last.</summary>
    private static Task<IReadOnlyList<FinishedRound>>? TrainRound(
        IReadOnlyList<ExperimentSession> sessions, RoundTrainer trainer, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken) =>
        sessions[0].HasNextRound ? ComputeThreads.Run(() => TrainReplicates(sessions, trainer, progress, cancellationToken), cancellationToken) : null;

    private static IReadOnlyList<FinishedRound> TrainReplicates(
        IReadOnlyList<ExperimentSession> sessions, RoundTrainer trainer, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var session in sessions)
        {
            session.BeginRound();
        }
        var spec = sessions[0].Spec;
        var outcomes = trainer.Train(
            [.. sessions.Select(s => s.AsReplicate())],
            spec.Training, sessions[0].Device, sessions[0].Round, sessions[0].LastRound, progress, cancellationToken);
        var trainingTime = clock.Elapsed / sessions.Count;
        return [.. sessions.Select((s, i) => s.FinishRound(outcomes[i], trainingTime))];
    }

    private static async Task AbandonAsync(Task<IReadOnlyList<FinishedRound>>? training)
    {
        if (training is null)
        {
            return;
        }
        try
        {
            foreach (var round in await training)
            {
                round.Dispose();
            }
        }
        catch (Exception) when (training.IsCanceled || training.IsFaulted)
        {
            // Its failure belongs to a round nobody asked for any more.
        }
    }

    private sealed class ForwardedProgress(IProgress<StudyProgress> study, StudyCondition condition, IReadOnlyList<int> replicates)
        : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => study.Report(new StudyProgress(condition, replicates, value));
    }

    private static IReadOnlyDictionary<int, float[]> Masks(RoundCheckpoint checkpoint) =>
        checkpoint.NextMasks.ToDictionary(m => ExperimentSession.MaskLayer(m.Name), m => m.Values);

    private static InvalidOperationException Missing(StudyCondition condition, int replicate, int round) =>
        new($"The study needs the stored checkpoint of {condition.Key} replicate {replicate} after round {round}, and has none.");
}
