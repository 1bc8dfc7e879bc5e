using LocalityLab.Shared.Results;
using LocalityLab.Web.Components.Charts;

namespace LocalityLab.Web.Components.Runs;

/// <summary>The per-round measures of a run as chart series (x = round).</summary>
public static class RoundSeries
{
    public static ChartSeries Measure(string name, IReadOnlyList<RoundResult> rounds, Func<RoundResult, double?> value, bool dashed = false) =>
        new(name, X(rounds), [.. rounds.Select(value)], Dashed: dashed);

    /// <summary>Median with the quartile band.</summary>
    public static ChartSeries Quartiles(string name, IReadOnlyList<RoundResult> rounds, Func<RoundResult, Distribution> distribution) =>
        new(name, X(rounds), [.. rounds.Select(r => distribution(r).Median)],
            [.. rounds.Select(r => distribution(r).Q1)], [.. rounds.Select(r => distribution(r).Q3)]);

    public static IReadOnlyList<ChartSeries> AccuracyAndSparsity(IReadOnlyList<RoundResult> rounds) =>
        [Measure("test accuracy", rounds, r => r.TestAccuracy), Measure("sparsity", rounds, r => r.Sparsity, dashed: true)];

    /// <summary>A per-unit measure's chart on the run page: median with quartiles, and its within-class medians dashed where measured.</summary>
    public static IReadOnlyList<ChartSeries> OverUnits(UnitMeasure measure, IReadOnlyList<RoundResult> rounds)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var classes = UnitMeasureKinds.WithinClasses(measure)
            .Select(c => Measure($"class {c.WithinClass!.Value.Label} (median)", rounds, r => c.OverUnits!(r).Median, dashed: true))
            .Where(s => s.Y.Any(y => y is not null)).ToList();
        return [Quartiles(classes.Count > 0 ? "overall" : measure.Title, rounds, measure.OverUnits!), .. classes];
    }

    public static IReadOnlyList<ChartSeries> CavityGain(IReadOnlyList<RoundResult> rounds) =>
    [
        Measure("pruned next (median gain)", rounds, r => r.Cavity.PrunedNext.MedianGain),
        Measure("kept (median gain)", rounds, r => r.Cavity.Kept.MedianGain, dashed: true),
    ];

    private static double[] X(IReadOnlyList<RoundResult> rounds) => [.. rounds.Select(r => (double)r.Round)];
}
