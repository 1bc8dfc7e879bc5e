using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// The last line of `run`: the wall time from admission to the last round, and the process's peak resident memory
/// (VmHWM), which the estimates benchmark compares with the admission's estimate.
/// </summary>
public static partial class RunCost
{
    public static string Describe(TimeSpan elapsed, int processId) =>
        string.Create(CultureInfo.InvariantCulture,
            $"took {elapsed.TotalSeconds:F2} s, peak resident memory {PeakResidentMebibytes(processId):F0} MiB");

    /// <summary>The seconds and MiB <see cref="Describe"/> wrote, if <paramref name="line"/> is its line.</summary>
    public static (double Seconds, double PeakMebibytes)? Parse(string line)
    {
        var match = Line().Match(line ?? "");
        return match.Success
            ? (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The high-water mark of the process's resident set, in MiB (Linux: VmHWM; elsewhere .NET's peak working set).</summary>
    public static double PeakResidentMebibytes(int processId)
    {
        string status = $"/proc/{processId}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        using var process = System.Diagnostics.Process.GetProcessById(processId);
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    [GeneratedRegex(@"^took ([0-9.]+) s, peak resident memory ([0-9]+) MiB$")]
    private static partial Regex Line();
}
