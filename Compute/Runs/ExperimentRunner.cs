using System.Runtime.CompilerServices;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// Runs one experiment round by round. Checks the spec (fields and Compute:Limits) before allocating anything;
/// the compute itself runs on the thread pool, each round measured while the next one trains, and stops within a step
/// of cancellation.
/// </summary>
public sealed class ExperimentRunner(TorchRuntime torch, ExperimentAdmission admission, TimeProvider time)
{
    /// <param name="resumeFrom">The checkpoint of the last completed round: the run continues after it, with the
    /// same results an uninterrupted run gives.</param>
    public async IAsyncEnumerable<RoundResult> RunAsync(
        ExperimentSpec spec,
        IProgress<TrainingProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default,
        RoundCheckpoint? resumeFrom = null)
    {
        var errors = admission.Check(spec);
        if (errors.Count > 0)
        {
            throw new ExperimentRejectedException(errors);
        }

        var located = admission.Locate(spec);
        using var session = await Task.Run(
            () => ExperimentSession.Start(located, torch.Device, time, resumeFrom, cancellationToken), cancellationToken);
        // Two streams: round r is measured (the null, both cavity maps) while round r + 1 trains, each on its own thread.
        // A round's measures read a copy of its layer, and its checkpoint is taken before the next round starts, so the
        // results are those of one round after another.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<FinishedRound>? training = Train(session, progress, stop.Token);
        try
        {
            while (training is not null)
            {
                using var finished = await training;
                training = Train(session, progress, stop.Token);
                yield return await Task.Run(() => finished.Measure(stop.Token), stop.Token);
            }
        }
        finally
        {
            // The consumer stopped early or something failed: the round in training is abandoned before the session goes.
            await stop.CancelAsync();
            await AbandonAsync(training);
        }
    }

    private static Task<FinishedRound>? Train(ExperimentSession session, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        session.HasNextRound ? Task.Run(() => session.TrainRound(progress, cancellationToken), cancellationToken) : null;

    private static async Task AbandonAsync(Task<FinishedRound>? training)
    {
        if (training is null)
        {
            return;
        }
        try
        {
            (await training).Dispose();
        }
        catch (Exception) when (training.IsCanceled || training.IsFaulted)
        {
            // Its failure belongs to a round nobody asked for any more.
        }
    }
}
