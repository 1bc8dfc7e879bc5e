using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Runs;

/// <summary>
/// The hosted compute service of a lab that computes in process (Compute:Workers = InProcess): at start it marks runs a stopped process left Running as
/// Interrupted and wakes the workers for the Queued ones; then Compute:MaxConcurrentRuns workers take runs first in
/// first out: a woken worker claims the queued run with the lowest QueueOrder (the order the queue positions show),
/// and after each run claims the next before it waits again. Each round is stored in a transaction before it is
/// announced.
/// </summary>
public sealed class RunWorker(
    RunStore store,
    RunQueue queue,
    LiveRuns live,
    ExperimentService experiments,
    RunEvents events,
    IOptions<ComputeOptions> options,
    ILabEngine engine,
    IHostApplicationLifetime lifetime,
    ILogger<RunWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        WarnIfRunsOutnumberCores();
        int interrupted = await store.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} run(s) were running when the server last stopped; they are marked Interrupted and can be resumed.", interrupted);
        }
        // One wake-up per queued run, as if each had just been submitted (a worker claims them in QueueOrder).
        for (int queued = await store.QueuedCountAsync(cancellationToken); queued > 0; queued--)
        {
            queue.Wake();
        }
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Each training run keeps its own team of libtorch (OpenMP) threads, which spin while they wait for work. More of
    /// them than cores fight for the cores: with one of two cores taken by another process, the Quick demo's training
    /// step ran at a quarter of its quiet speed here (README, "Configuration").
    /// </summary>
    private void WarnIfRunsOutnumberCores()
    {
        // Each run computes on two streams (a round's measures beside the next round's training), each with its threads.
        int runs = options.Value.MaxConcurrentRuns, threads = engine.Device.Threads, cores = Environment.ProcessorCount;
        if (engine.Device.Device == "cpu" && runs * 2 * threads > cores)
        {
            logger.LogWarning(
                "Compute:MaxConcurrentRuns = {Runs} runs x 2 streams x {Threads} libtorch threads each is more than this machine's {Cores} cores: "
                + "concurrent runs' threads will spin against each other and train several times slower. "
                + "Set Compute:Threads to {Fit} or Compute:MaxConcurrentRuns to 1.",
                runs, threads, cores, Math.Max(1, cores / (2 * runs)));
        }
    }

    /// <summary>
    /// A run is interrupted the moment the host begins to stop, not when this service's turn to stop comes (the host
    /// stops its services one by one, and a run let go on meanwhile could finish rounds nobody would see announced).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        await Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentRuns).Select(_ => Task.Run(() => WorkAsync(stopping.Token))));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await queue.WaitAsync(stoppingToken);
                // A wake-up only says some run was queued: which one starts is the database's QueueOrder, never the
                // order the wake-ups arrived in. Runs cancelled while they waited are no longer Queued and are skipped.
                while (!stoppingToken.IsCancellationRequested && await store.ClaimNextAsync(engine.Device.Worker, stoppingToken) is { } runId)
                {
                    await ExecuteRunAsync(runId, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    // The run is already Running in the database (claimed).
    private async Task ExecuteRunAsync(Guid runId, CancellationToken stoppingToken)
    {
        var cancellation = live.Start(runId, stoppingToken);
        bool everyRoundStored = false;
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

            await foreach (var round in engine.RunAsync(spec, progress, resumeFrom, cancellation.Token))
            {
                // Stored first (even if a cancel arrives now: it is computed), then announced.
                await store.SaveRoundAsync(runId, round, CancellationToken.None);
                everyRoundStored = round.Round == spec.LastRound;
                await events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(runId, round));
            }
            await FinishAsync(runId, RunStatus.Completed, null);
        }
        catch (OperationCanceledException) when (live.WasCancelled(runId))
        {
            await FinishAsync(runId, RunStatus.Cancelled, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested && everyRoundStored)
        {
            await FinishAsync(runId, RunStatus.Completed, null); // stopped after its last round was stored
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(runId, RunStatus.Interrupted, Interruption.OfRun);
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
        // No longer live before its end is stored and announced: a cancel that follows the announcement is refused.
        live.End(runId);
        await store.TransitionAsync(runId, [RunStatus.Running], status, error, CancellationToken.None);
        await experiments.AnnounceStatusAsync(runId, CancellationToken.None);
    }

    private sealed class RelayProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
