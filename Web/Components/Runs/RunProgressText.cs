using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using MudBlazor;

namespace LocalityLab.Web.Components.Runs;

/// <summary>How far a run has got, as a fraction and as words, from its status and the latest training report.</summary>
public static class RunProgressText
{
    public static double Fraction(RunInfo run, TrainingProgress? progress)
    {
        if (run.Status == RunStatus.Completed)
        {
            return 1;
        }
        var total = Math.Max(1, run.TotalRounds);
        if (run.Status == RunStatus.Running && progress is { StepsInRound: > 0 })
        {
            return Math.Clamp((progress.Round + (double)progress.Step / progress.StepsInRound) / total, 0, 1);
        }
        return Math.Clamp((double)run.RoundsCompleted / total, 0, 1);
    }

    /// <summary>
    /// Steps left in this round and the rounds after it, at the current rate, and each of those rounds' measures, as long
    /// as the last round's took (a round's null and cavity terms can take longer than its training).
    /// </summary>
    public static TimeSpan? Eta(TrainingProgress progress)
    {
        if (progress.StepsPerSecond <= 0 || progress.StepsInRound <= 0)
        {
            return null;
        }
        // The rounds after this one: progress.TotalRounds is the last round's index.
        long roundsAfter = Math.Max(0, progress.TotalRounds - progress.Round);
        var steps = Math.Max(0, progress.StepsInRound - progress.Step + roundsAfter * progress.StepsInRound);
        return TimeSpan.FromSeconds(steps / progress.StepsPerSecond + (roundsAfter + 1) * Math.Max(0, progress.MeasureSeconds));
    }

    /// <summary>
    /// One line for a run's state. Rounds are named by index everywhere, as the scrubber names them: round 0 is the
    /// dense network and the last is the spec's last round ("Round 3 of 10" is the fourth of eleven); progress carries that
    /// last index in <see cref="TrainingProgress.TotalRounds"/>, a run its count of rounds in <see cref="RunInfo.TotalRounds"/>.
    /// </summary>
    public static string Describe(RunInfo run, TrainingProgress? progress) => run.Status switch
    {
        RunStatus.Running when progress is { StepsPerSecond: > 0 } =>
            $"Round {progress.Round} of {progress.TotalRounds} · step {progress.Step} of {progress.StepsInRound} · {progress.StepsPerSecond:F0} steps/s · loss {Format.Number(progress.Loss)} · ETA {Format.Duration(Eta(progress))}",
        // Between rounds (rewinding, the next mask, the last round's measures) there is no rate yet, so no ETA to give.
        RunStatus.Running when progress is not null =>
            $"Round {progress.Round} of {progress.TotalRounds} · starting · {run.RoundsCompleted} of {run.TotalRounds} rounds done",
        RunStatus.Running => $"Running · {run.RoundsCompleted} of {run.TotalRounds} rounds done",
        RunStatus.Queued => run.QueuePosition is { } p ? $"Queued · position {p}" : "Queued",
        RunStatus.Failed => $"Failed: {run.Error}",
        _ => $"{run.Status} · {run.RoundsCompleted} of {run.TotalRounds} rounds done",
    };

    public static Color StatusColour(RunStatus status) => status switch
    {
        RunStatus.Running => Color.Info,
        RunStatus.Completed => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Interrupted or RunStatus.Cancelled => Color.Warning,
        _ => Color.Default,
    };
}
