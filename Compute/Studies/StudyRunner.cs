using System.Diagnostics;
using System.Runtime.CompilerServices;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// Runs a study: for each condition, its R replicates train together as one stacked model (two-layer networks;
/// deeper ones one after another), trunks (IMP, the clone) first, then the controls that branch off IMP's trained
/// round 0 and follow its masks. Yields every replicate's round as it completes; given what is already stored, it
/// continues each condition from the last round all its replicates have, to the results an uninterrupted study gives
/// (rounds a replicate already has are yielded again, identical; the caller keeps the first). Given only some of the
/// conditions (a remote worker's share), it computes those, a branch reading its trunk's checkpoints from the store:
/// each condition's replicates train in the same company either way, so its results are the whole study's.
/// </summary>
public sealed class StudyRunner(TorchRuntime torch, StudyAdmission admission, ExperimentAdmission runs, TimeProvider time)
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

        var branches = study.Conditions.Where(c => StudyControls.For(c).BranchesFrom is not null).Order().ToArray();
        var order = study.Conditions.Where(c => StudyControls.For(c).BranchesFrom is null).Order().Concat(branches);
        foreach (var condition in order.Where(c => only is null || only.Contains(c)))
        {
            var control = StudyControls.For(condition);
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
                foreach (int r in replicates)
                {
                    var start = new StudyStart(
                        study.ReplicateSpec(condition, r),
                        torch.Device,
                        time,
                        // A branch's round 0 is its trunk's: with nothing after it stored, it branches afresh.
                        from is { } last && (control.BranchesFrom is null || last >= 1)
                            ? Find(condition, r, last) ?? throw Missing(condition, r, last)
                            : null,
                        () => Find(StudyCondition.Imp, r, 0) ?? throw Missing(StudyCondition.Imp, r, 0),
                        () => [.. Enumerable.Range(0, lastRound + 1).Select(n => Masks(Find(StudyCondition.Imp, r, n) ?? throw Missing(StudyCondition.Imp, r, n)))]);
                    sessions.Add(await Task.Run(() => control.Start(start, cancellationToken), cancellationToken));
                }
                var round0Conditions = condition == StudyCondition.Imp ? [.. branches, condition] : new[] { condition };
                var trainer = BatchedRoundTrainer.Supports(sessions.Select(s => s.Network))
                    ? new BatchedRoundTrainer([.. sessions.Select(s => s.Data)], time)
                    : null;
                try
                {
                    while (sessions[0].HasNextRound)
                    {
                        var forward = progress is null ? null : new ForwardedProgress(progress, condition, replicates);
                        var results = await Task.Run(() => RunRound(sessions, trainer, forward, cancellationToken), cancellationToken);
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

    private static IReadOnlyList<RoundResult> RunRound(
        IReadOnlyList<ExperimentSession> sessions, BatchedRoundTrainer? trainer, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (trainer is null)
        {
            return [.. sessions.Select(s => s.RunNextRound(progress, cancellationToken))];
        }
        var clock = Stopwatch.StartNew();
        foreach (var session in sessions)
        {
            session.BeginRound();
        }
        var spec = sessions[0].Spec;
        var outcomes = trainer.Train(
            [.. sessions.Select(s => new ReplicateRound(s.Network, s.TrainingGenerator, s.DataGenerator, s.RewindCaptureStep, s.CaptureRewindPoint))],
            spec.Training, sessions[0].Device, sessions[0].Round, sessions[0].LastRound, progress, cancellationToken);
        var trainingTime = clock.Elapsed / sessions.Count;
        return [.. sessions.Select((s, i) => s.CompleteRound(outcomes[i], trainingTime, cancellationToken))];
    }

    /// <summary>A round's training progress reported, synchronously, as the study's.</summary>
    private sealed class ForwardedProgress(IProgress<StudyProgress> study, StudyCondition condition, IReadOnlyList<int> replicates)
        : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => study.Report(new StudyProgress(condition, replicates, value));
    }

    private static IReadOnlyDictionary<int, float[]> Masks(RoundCheckpoint checkpoint) =>
        checkpoint.NextMasks.ToDictionary(m => ExperimentSession.MaskLayer(m.Name), m => m.Values);

    private static InvalidOperationException Missing(StudyCondition condition, int replicate, int round) =>
        new($"The study needs the stored checkpoint of {StudyConditions.Key(condition)} replicate {replicate} after round {round}, and has none.");
}
