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
internal sealed class ExperimentRunner(TorchRuntime torch, ExperimentAdmission admission, TimeProvider time)
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
        using var session = await ComputeThreads.Run(
            () => ExperimentSession.Start(located, torch.Device, time, resumeFrom, cancellationToken), cancellationToken);
        // Two streams: round r is measured (the null, both cavity maps) while round r + 1 trains, as a study's replicates are.
        await foreach (var round in RoundStreams.RunAsync([session], progress, Math.Max(1, Environment.ProcessorCount / torch.Info.Threads),
            cancellationToken))
        {
            yield return round[0];
        }
    }
}
