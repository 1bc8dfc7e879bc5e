using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Studies;

/// <summary>
/// The hosted service that trains studies, one at a time, first in first out (a study already keeps the cores busy
/// with its stacked replicates). At start it marks studies a stopped process left Running as Interrupted and wakes
/// itself for the queued ones. Every replicate's round is stored under its run before it is announced, to the run's
/// listeners as any round and to the study's with fresh statistics once every replicate has the round.
/// </summary>
public sealed class StudyWorker(
    StudyStore store,
    RunStore runs,
    StudyQueue queue,
    LiveRuns live,
    ILabEngine engine,
    StudyService studies,
    ExperimentService experiments,
    RunEvents events,
    IHostApplicationLifetime lifetime,
    ILogger<StudyWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        int interrupted = await store.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} study(ies) were running when the server last stopped; they are marked Interrupted and can be resumed.", interrupted);
        }
        for (int queued = await store.QueuedCountAsync(cancellationToken); queued > 0; queued--)
        {
            queue.Wake();
        }
        await base.StartAsync(cancellationToken);
    }

    // Interrupted the moment the host begins to stop, as RunWorker's runs are.
    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        try
        {
            while (true)
            {
                await queue.WaitAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested && await store.ClaimNextAsync(engine.Device.Worker, stoppingToken) is { } studyId)
                {
                    await ExecuteStudyAsync(studyId, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    // The study and its unfinished replicates are already Running in the database (claimed).
    private async Task ExecuteStudyAsync(Guid studyId, CancellationToken stoppingToken)
    {
        var cancellation = live.Start(studyId, stoppingToken);
        IReadOnlyDictionary<(StudyCondition Condition, int Replicate), (Guid RunId, int RoundsCompleted)> members =
            new Dictionary<(StudyCondition, int), (Guid, int)>();
        try
        {
            await studies.AnnounceAsync(studyId, stoppingToken);
            var record = await store.FindAsync(studyId, stoppingToken) ?? throw new InvalidOperationException($"Study {studyId} vanished.");
            var spec = StudyStore.ReadSpec(record);
            members = await store.MembersAsync(studyId, stoppingToken);
            await AnnounceMembersAsync(members.Values.Select(m => m.RunId));

            var observations = new List<StudyObservation>();
            var stored = new Dictionary<(StudyCondition, int), int>();
            foreach (var ((condition, replicate), member) in members)
            {
                stored[(condition, replicate)] = member.RoundsCompleted;
                observations.AddRange((await runs.RoundsAsync(member.RunId, withArrays: false, stoppingToken))
                    .Select(round => StudyObservations.Of(condition, replicate, round)));
            }
            var progress = new RelayProgress(p =>
            {
                live.Report(studyId, p);
                _ = events.StudyProgressAsync(studyId, p);
            });

            await foreach (var round in engine.RunStudyAsync(spec, progress, new StoredStudyCheckpoints(store, members), cancellation.Token))
            {
                foreach (var condition in round.Conditions)
                {
                    var key = (condition, round.Replicate);
                    if (stored[key] > round.Result.Round)
                    {
                        continue; // computed again on resume, identically; the stored round stands
                    }
                    var runId = members[key].RunId;
                    // Stored first (even if a cancel arrives now: it is computed), then announced.
                    await store.SaveRoundAsync(studyId, runId, round.Result, CancellationToken.None);
                    stored[key] = round.Result.Round + 1;
                    observations.Add(StudyObservations.Of(condition, round.Replicate, round.Result));
                    await events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(runId, round.Result));
                    if (stored[key] == spec.RoundCount(condition))
                    {
                        await experiments.AnnounceStatusAsync(runId, CancellationToken.None);
                    }
                }
                if (round.Replicate == spec.Replicates - 1)
                {
                    await SummarizeAsync(studyId, spec, observations);
                }
            }
            await SummarizeAsync(studyId, spec, observations);
            await FinishAsync(studyId, RunStatus.Completed, null, members);
        }
        catch (OperationCanceledException) when (live.WasCancelled(studyId))
        {
            await FinishAsync(studyId, RunStatus.Cancelled, null, members);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(studyId, RunStatus.Interrupted, Interruption.OfStudy, members);
        }
        catch (Exception e) when (e is TrainingDivergedException or ExperimentRejectedException)
        {
            await FinishAsync(studyId, RunStatus.Failed, e.Message, members);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Study {StudyId} failed", studyId);
            await FinishAsync(studyId, RunStatus.Failed, $"The study failed: {e.Message}", members);
        }
        finally
        {
            live.End(studyId);
        }
    }

    /// <summary>The statistics of every round stored so far, stored and announced.</summary>
    private async Task SummarizeAsync(Guid studyId, StudySpec spec, IReadOnlyList<StudyObservation> observations)
    {
        await store.SaveSummaryAsync(studyId, engine.Summarize(spec, observations), CancellationToken.None);
        await studies.AnnounceAsync(studyId, CancellationToken.None);
    }

    private async Task FinishAsync(Guid studyId, RunStatus status, string? error,
        IReadOnlyDictionary<(StudyCondition Condition, int Replicate), (Guid RunId, int RoundsCompleted)> members)
    {
        // No longer live before its end is stored and announced: a cancel that follows the announcement is refused.
        live.End(studyId);
        await store.TransitionAsync(studyId, [RunStatus.Running], status, error, CancellationToken.None);
        await studies.AnnounceAsync(studyId, CancellationToken.None);
        await AnnounceMembersAsync(members.Values.Select(m => m.RunId));
    }

    private async Task AnnounceMembersAsync(IEnumerable<Guid> runIds)
    {
        foreach (var runId in runIds)
        {
            await experiments.AnnounceStatusAsync(runId, CancellationToken.None);
        }
    }

    private sealed class RelayProgress(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }
}
