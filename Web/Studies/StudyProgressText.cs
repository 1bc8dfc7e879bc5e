using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Studies;

/// <summary>How far a study has got, as a fraction of its replicate rounds and as words.</summary>
public static class StudyProgressText
{
    public static double Fraction(StudyInfo study) => study.Status == RunStatus.Completed
        ? 1
        : Math.Clamp((double)study.RoundsCompleted / Math.Max(1, study.TotalRounds), 0, 1);

    public static string Describe(StudyInfo study, StudyProgress? progress)
    {
        string stored = $"{study.RoundsCompleted} of {study.TotalRounds} replicate rounds stored";
        return study.Status switch
        {
            RunStatus.Running when progress is { Training: var t } =>
                $"Training {StudyConditions.Label(progress.Condition)}, seeds {Seeds(progress.Replicates)} together · round {t.Round} of {t.TotalRounds} · "
                + (t.StepsPerSecond > 0 ? $"step {t.Step} of {t.StepsInRound} · {t.StepsPerSecond:F0} steps/s · " : "starting · ") + stored,
            RunStatus.Running => $"Running · {stored}",
            RunStatus.Queued => study.QueuePosition is { } p ? $"Queued · position {p} among studies" : "Queued",
            RunStatus.Failed => $"Failed: {study.Error} · {stored}",
            _ => $"{study.Status} · {stored}",
        };
    }

    private static string Seeds(IReadOnlyList<int> replicates) => replicates.Count switch
    {
        0 => "none",
        1 => $"{replicates[0] + 1}",
        _ when replicates[^1] - replicates[0] == replicates.Count - 1 => $"{replicates[0] + 1}–{replicates[^1] + 1}",
        _ => string.Join(", ", replicates.Select(r => r + 1)),
    };
}
