using LocalityLab.Shared.Results;
using Microsoft.Extensions.Logging;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// Relays a claimed run's training progress to the lab without holding training up: the newest report is sent, one
/// request at a time (reports that arrive meanwhile replace each other). When the lab says the claim is void, the
/// run's turn is cancelled: training stops within a step.
/// </summary>
/// <typeparam name="T">A run's <see cref="TrainingProgress"/>, or a study's StudyProgress.</typeparam>
public sealed class ClaimedProgress<T>(Func<T, CancellationToken, Task<bool>> send, string what, CancellationTokenSource turn, ILogger logger)
    : IProgress<T> where T : class
{
    private T? _pending;
    private int _sending;

    /// <summary>Whether the lab has said the claim is void (cancelled, or taken over).</summary>
    public bool ClaimVoid { get; private set; }

    public void Report(T value)
    {
        Volatile.Write(ref _pending, value);
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = SendAsync();
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref _pending, null) is { } next && !turn.IsCancellationRequested)
            {
                if (!await send(next, turn.Token))
                {
                    ClaimVoid = true;
                    await turn.CancelAsync();
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            logger.LogDebug(e, "A progress report of {What} did not reach the lab", what);
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
        }
    }
}
