using System.Diagnostics;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>One clock for every observation in this process: milliseconds since the load test started.</summary>
public static class MonotonicClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static double NowMilliseconds => Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;
}
