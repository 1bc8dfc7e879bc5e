using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The hosted compute service: at start it migrates the database, marks runs a stopped process left Running as
/// Interrupted and requeues the Queued ones; then Compute:MaxConcurrentRuns workers take runs first in first out.
/// Each round is stored in a transaction before it is announced.
/// </summary>
public sealed class RunWorker(
    RunStore store,
    RunQueue queue,
    LiveRuns live,
    ExperimentRunner runner,
    ExperimentService experiments,
    RunEvents events,
    IOptions<ComputeOptions> options,
    ILogger<RunWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        int interrupted = await store.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} run(s) were running when the server last stopped; they are marked Interrupted and can be resumed.", interrupted);
        }
        foreach (var id in await store.QueuedAsync(cancellationToken))
        {
            queue.Enqueue(id);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentRuns).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid runId;
            try
            {
                runId = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await ExecuteRunAsync(runId, stoppingToken);
        }
    }

    private async Task ExecuteRunAsync(Guid runId, CancellationToken stoppingToken)
    {
        // A run cancelled (or already taken) while it waited is no longer Queued: skip it.
        if (!await store.TransitionAsync(runId, [RunStatus.Queued], RunStatus.Running, null, stoppingToken))
        {
            return;
        }
        var cancellation = live.Start(runId, stoppingToken);
        try
        {
            await experiments.AnnounceStatusAsync(runId, stoppingToken);
            var run = await store.FindAsync(runId, stoppingToken) ?? throw new InvalidOperationException($"Run {runId} vanished.");
            var spec = RunStore.ReadSpec(run);
            var resumeFrom = await store.LastCheckpointAsync(runId, stoppingToken);
            var progress = new RelayProgress(p =>
            {
                live.Report(runId, p);
                _ = events.ProgressAsync(runId, p);
            });

            await foreach (var round in runner.RunAsync(spec, progress, cancellation.Token, resumeFrom))
            {
                // Stored first (even if a cancel arrives now: it is computed), then announced.
                await store.SaveRoundAsync(runId, round, CancellationToken.None);
                await events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(runId, round));
            }
            await FinishAsync(runId, RunStatus.Completed, null);
        }
        catch (OperationCanceledException) when (live.WasCancelled(runId))
        {
            await FinishAsync(runId, RunStatus.Cancelled, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(runId, RunStatus.Interrupted,
                "The server stopped while this run was training; completed rounds are kept. Resume continues after the last.");
        }
        catch (Exception e) when (e is TrainingDivergedException or ExperimentRejectedException)
        {
            await FailAsync(runId, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} failed", runId);
            await FailAsync(runId, $"The run failed: {e.Message}");
        }
        finally
        {
            live.End(runId);
        }
    }

    private async Task FailAsync(Guid runId, string reason)
    {
        await FinishAsync(runId, RunStatus.Failed, reason);
        await events.FailedAsync(runId, reason);
    }

    private async Task FinishAsync(Guid runId, RunStatus status, string? error)
    {
        await store.TransitionAsync(runId, [RunStatus.Running], status, error, CancellationToken.None);
        await experiments.AnnounceStatusAsync(runId, CancellationToken.None);
    }

    private sealed class RelayProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
