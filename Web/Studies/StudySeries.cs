using LocalityLab.Shared.Studies;
using LocalityLab.Web.Components.Charts;

namespace LocalityLab.Web.Studies;

/// <summary>
/// A study measure as chart lines: per condition, the mean over seeds with its 95% t-interval as the band, against the
/// condition's mean sparsity in percent (so IMP and every control meet at matched sparsity, one-shot at IMP's last). A
/// condition measured at one pruned level only (one-shot) is drawn as points with error bars, not a line and band across
/// sparsities it never had.
/// </summary>
public static class StudySeries
{
    public static IReadOnlyList<ChartSeries> For(StudySummary summary, string measure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var series = new List<ChartSeries>();
        foreach (var descriptor in StudyConditions.Descriptors)
        {
            var condition = descriptor.Condition;
            var sparsity = summary.Bands
                .Where(b => b.Condition == condition && b.Measure == StudyMeasures.Sparsity && b.Mean is not null)
                .ToDictionary(b => b.Round, b => 100 * b.Mean!.Value);
            var bands = summary.Bands
                .Where(b => b.Condition == condition && b.Measure == measure && sparsity.ContainsKey(b.Round))
                .OrderBy(b => sparsity[b.Round])
                .ThenBy(b => b.Round)
                .ToList();
            if (bands.Count == 0)
            {
                continue;
            }
            series.Add(new ChartSeries(
                descriptor.Label,
                [.. bands.Select(b => sparsity[b.Round])],
                [.. bands.Select(b => b.Mean)],
                [.. bands.Select(b => b.Low)],
                [.. bands.Select(b => b.High)],
                Dashed: descriptor.Dashed,
                Colour: condition.Position(),
                Points: bands.Count(b => sparsity[b.Round] > 0) == 1));
        }
        return series;
    }
}
