using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>
/// A run as a comparison shows it: its label (e.g. "Gaussian clone"), its swept value if any, its stored rounds, and the
/// condition its spec is (which colours it as the study pages colour that condition); null when its spec is unreadable.
/// </summary>
public sealed record ComparedRun(RunInfo Run, string Label, double? Value, IReadOnlyList<RoundFrame> Rounds,
    Shared.Studies.StudyCondition? Condition = null);

/// <summary>The final measures a sweep chart can plot against the swept value.</summary>
public enum SweepMeasure
{
    MedianIpr,
    MedianSpread,
    MedianExcessKurtosis,
    TestAccuracy,
}

public static class SweepPoints
{
    public static string Name(SweepMeasure measure) => measure switch
    {
        SweepMeasure.MedianIpr => "median IPR",
        SweepMeasure.MedianSpread => "median spread",
        SweepMeasure.MedianExcessKurtosis => "median excess kurtosis",
        _ => "test accuracy",
    };

    /// <summary>One point per member, in order of the swept value; a member without a round yet has no y.</summary>
    public static Charts.ChartSeries Series(IReadOnlyList<ComparedRun> members, SweepMeasure measure)
    {
        var ordered = members.Where(m => m.Value is not null).OrderBy(m => m.Value).ToList();
        return new(Name(measure), [.. ordered.Select(m => m.Value!.Value)],
            [.. ordered.Select(m => m.Rounds.Count == 0 ? null : Final(m.Rounds[^1].Summary, measure))]);
    }

    /// <summary>Whether the swept values are all positive and span at least a factor of 20: then they read best on a log axis.</summary>
    public static bool SpansDecades(Charts.ChartSeries points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.X.Count > 1 && points.X.All(x => x > 0) && points.X.Max() / points.X.Min() >= 20;
    }

    private static double? Final(Shared.Results.RoundResult round, SweepMeasure measure) => measure switch
    {
        SweepMeasure.MedianIpr => round.Ipr.Median,
        SweepMeasure.MedianSpread => round.Spread.Median,
        SweepMeasure.MedianExcessKurtosis => round.ExcessKurtosis.Median,
        _ => round.TestAccuracy,
    };
}
