using System.Diagnostics;
using System.Globalization;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// Once a second: the server process's CPU time (utime + stime of /proc/PID/stat), this load tool's own, and the
/// whole machine's busy time (/proc/stat), so a window's average can be given in cores.
/// </summary>
public sealed class CpuSampler(int serverPid)
{
    private readonly List<Sample> _samples = [];
    private readonly double _ticksPerSecond = ClockTicksPerSecond();

    public sealed record Sample(double AtMilliseconds, double ServerSeconds, double LoadToolSeconds, double MachineBusySeconds);

    /// <summary>Average cores used over a window, and the busiest one-second interval of the server in it.</summary>
    public sealed record Window(double ServerCores, double ServerPeakCores, double LoadToolCores, double MachineCores, int Samples);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                lock (_samples)
                {
                    _samples.Add(Take());
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Window Between(double fromMilliseconds, double toMilliseconds)
    {
        List<Sample> inside;
        lock (_samples)
        {
            inside = [.. _samples.Where(s => s.AtMilliseconds >= fromMilliseconds && s.AtMilliseconds <= toMilliseconds)];
        }
        if (inside.Count < 2)
        {
            return new Window(double.NaN, double.NaN, double.NaN, double.NaN, inside.Count);
        }
        double seconds = (inside[^1].AtMilliseconds - inside[0].AtMilliseconds) / 1000;
        double peak = inside.Zip(inside.Skip(1), (a, b) => (b.ServerSeconds - a.ServerSeconds) / ((b.AtMilliseconds - a.AtMilliseconds) / 1000)).Max();
        return new Window(
            (inside[^1].ServerSeconds - inside[0].ServerSeconds) / seconds,
            peak,
            (inside[^1].LoadToolSeconds - inside[0].LoadToolSeconds) / seconds,
            (inside[^1].MachineBusySeconds - inside[0].MachineBusySeconds) / seconds,
            inside.Count);
    }

    private Sample Take()
    {
        // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
        var stat = File.ReadAllText($"/proc/{serverPid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double server = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / _ticksPerSecond;
        // /proc/stat "cpu" line: user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait.
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);
        return new Sample(MonotonicClock.NowMilliseconds, server, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, busy / _ticksPerSecond);
    }

    private static double ClockTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100; // USER_HZ on every Linux this runs on
        }
    }
}
