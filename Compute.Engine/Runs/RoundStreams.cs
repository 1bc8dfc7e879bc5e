using System.Runtime.CompilerServices;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Results;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// Sessions on the CPU (a condition's replicates, or a single run), each its own chain of rounds: train round r + 1 while round r is measured, as a
/// single run does, and every replicate's chain beside the others', at most <c>streams</c> steps computing at once (each
/// step one libtorch stream of Compute:Threads threads). The rounds come out replicate by replicate, round by round, as
/// soon as every replicate has measured the round; each replicate's results are those of its own run, whoever it ran beside.
/// A replicate trains round r + 2 only once the caller has taken round r: two rounds in hand at most (one measured or
/// waiting to be taken, one training), so a slow caller holds no pile of finished rounds, and a caller that stops (its
/// host stopping) finds at most one more round computed.
/// </summary>
internal static class RoundStreams
{
    /// <summary>Rounds of one replicate computed and not yet taken by the caller, at most (r measured while r + 1 trains).</summary>
    private const int RoundsInHand = 2;

    public static async IAsyncEnumerable<IReadOnlyList<RoundResult>> RunAsync(
        IReadOnlyList<ExperimentSession> sessions, IProgress<TrainingProgress>? progress, int streams,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        int first = sessions[0].Round, rounds = sessions[0].LastRound - first + 1;
        var results = sessions.Select(_ => Enumerable.Range(0, rounds)
            .Select(_ => new TaskCompletionSource<RoundResult>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray()).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(streams);
        var taken = sessions.Select(_ => new SemaphoreSlim(RoundsInHand)).ToArray();
        var chains = sessions.Select((session, i) => ChainAsync(session, results[i], first, gate, taken[i], progress, stop.Token)).ToArray();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                var done = new RoundResult[sessions.Count];
                for (int i = 0; i < sessions.Count; i++)
                {
                    done[i] = await results[i][round].Task;
                }
                yield return done;
                foreach (var window in taken)
                {
                    window.Release(); // the caller has taken this round: each replicate may start one more
                }
            }
        }
        finally
        {
            // The consumer stopped early or a replicate failed: the chains still computing are abandoned.
            await stop.CancelAsync();
            await Task.WhenAll(chains);
            foreach (var window in taken)
            {
                window.Dispose();
            }
        }
    }

    /// <summary>One replicate's rounds; never throws: a failure becomes the result of the round it happened in and of every later one.</summary>
    private static async Task ChainAsync(ExperimentSession session, TaskCompletionSource<RoundResult>[] results, int first, SemaphoreSlim gate,
        SemaphoreSlim taken, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var measuring = new List<Task>();
        try
        {
            while (session.HasNextRound)
            {
                await taken.WaitAsync(cancellationToken);
                var finished = await StepAsync(() => session.TrainRound(progress, cancellationToken), gate, cancellationToken);
                measuring.Add(MeasureAsync(finished, results[finished.Round - first], gate, cancellationToken));
            }
        }
        catch (Exception e)
        {
            // The rounds trained before it stand (their measures finish and set them); this one and the rest fail.
            foreach (var result in results.Skip(session.Round - first))
            {
                SetFailure(result, e);
            }
        }
        await Task.WhenAll(measuring);
    }

    private static async Task MeasureAsync(FinishedRound finished, TaskCompletionSource<RoundResult> result, SemaphoreSlim gate,
        CancellationToken cancellationToken)
    {
        try
        {
            result.TrySetResult(await StepAsync(() => finished.Measure(cancellationToken), gate, cancellationToken));
        }
        catch (Exception e)
        {
            SetFailure(result, e);
        }
        finally
        {
            finished.Dispose();
        }
    }

    private static void SetFailure(TaskCompletionSource<RoundResult> result, Exception e)
    {
        if (e is OperationCanceledException canceled)
        {
            result.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            result.TrySetException(e);
        }
    }

    /// <summary>One step of compute on a stream of its own, once one is free.</summary>
    private static async Task<T> StepAsync<T>(Func<T> step, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ComputeThreads.Run(step, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
