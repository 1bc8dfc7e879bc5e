using System.Runtime.CompilerServices;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// Runs one experiment round by round. Checks the spec (fields and Compute:Limits) before allocating anything;
/// the compute itself runs on the thread pool, one round at a time, and stops within a step of cancellation.
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
        while (session.HasNextRound)
        {
            var result = await Task.Run(() => session.RunNextRound(progress, cancellationToken), cancellationToken);
            yield return result;
        }
    }
}
