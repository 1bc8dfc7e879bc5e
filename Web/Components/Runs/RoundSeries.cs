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

    public static IReadOnlyList<ChartSeries> KurtosisOverallAndByClass(IReadOnlyList<RoundResult> rounds)
    {
        var classes = rounds.Count == 0 ? 0 : rounds.Max(r => r.ExcessKurtosisByClass.Count);
        var series = new List<ChartSeries> { Quartiles("overall", rounds, r => r.ExcessKurtosis) };
        for (var c = 0; c < classes; c++)
        {
            var k = c;
            series.Add(Measure($"class {k} (median)", rounds, r => r.ExcessKurtosisByClass.ElementAtOrDefault(k)?.Median, dashed: true));
        }
        return series;
    }

    public static IReadOnlyList<ChartSeries> CavityGain(IReadOnlyList<RoundResult> rounds) =>
    [
        Measure("pruned next (median gain)", rounds, r => r.Cavity.PrunedNext.MedianGain),
        Measure("kept (median gain)", rounds, r => r.Cavity.Kept.MedianGain, dashed: true),
    ];

    private static double[] X(IReadOnlyList<RoundResult> rounds) => [.. rounds.Select(r => (double)r.Round)];
}
