using System.Diagnostics;

namespace LocalityLab.Bench.Engine;

/// <summary>Runs a piece of work untimed a few times, then times it repeatedly, one wall-clock duration per repetition.</summary>
public static class RepeatedTiming
{
    /// <param name="prepare">Untimed, before every run (warm-ups included): puts the state back where each run starts.</param>
    /// <returns>Seconds of each timed repetition.</returns>
    public static double[] Seconds(int warmups, int repeats, Action? prepare, Action once, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(once);
        for (int i = 0; i < warmups; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepare?.Invoke();
            once();
        }
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepare?.Invoke();
            // Garbage from the previous repetition (tensor wrappers, arrays) is collected before the clock starts.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            once();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return seconds;
    }
}
