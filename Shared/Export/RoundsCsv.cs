using System.Globalization;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Export;

/// <summary>
/// A run's per-round measures as one wide CSV, a row per round, for pandas or R: the round's scalars, then for every
/// distribution over units its count, mean, quartiles and range, then both cavity groups. Numbers in invariant "R" form
/// (round-trip exact), an absent one as an empty field; no field holds a comma, quote or line break, so nothing is quoted.
/// </summary>
public static class RoundsCsv
{
    private static readonly (string Name, Func<RoundResult, Distribution> Of)[] Distributions =
    [
        ("ipr", r => r.Ipr),
        ("spread", r => r.Spread),
        ("excessKurtosis", r => r.ExcessKurtosis),
        ("excessKurtosisClass0", r => r.ExcessKurtosisByClass.Count > 0 ? r.ExcessKurtosisByClass[0] : Distribution.Empty),
        ("excessKurtosisClass1", r => r.ExcessKurtosisByClass.Count > 1 ? r.ExcessKurtosisByClass[1] : Distribution.Empty),
        ("spreadRatio", r => r.SpreadRatio),
        ("localityIndex", r => r.LocalityIndex),
        ("absKurtosisWithin", r => r.AbsKurtosisWithin),
        ("nonGaussianityIndex", r => r.NonGaussianityIndex),
    ];

    private static readonly (string Name, Func<RoundResult, CavityGroup?> Of)[] CavityGroups =
    [
        ("cavityPrunedNext", r => r.Cavity.PrunedNext),
        ("cavityKept", r => r.Cavity.Kept),
        ("cavityWithinPrunedNext", r => r.CavityWithinClass?.PrunedNext),
        ("cavityWithinKept", r => r.CavityWithinClass?.Kept),
    ];

    private static readonly string[] DistributionFields = ["Count", "Mean", "Q1", "Median", "Q3", "Min", "Max"];
    private static readonly string[] CavityFields = ["Count", "MeanDelta", "MedianDelta", "MeanGain", "MedianGain", "FractionPositiveGain", "RankCorrelationWithMagnitude"];

    public static string Header { get; } = string.Join(',',
        new[] { "round", "sparsity", "steps", "trainLoss", "testAccuracy", "testLoss", "units", "deadUnits", "seconds" }
            .Concat(Distributions.SelectMany(d => DistributionFields.Select(f => d.Name + f)))
            .Concat(CavityGroups.SelectMany(g => CavityFields.Select(f => g.Name + f))));

    public static void Write(IEnumerable<RoundResult> rounds, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var round in rounds)
        {
            writer.Write(Row(round));
            writer.Write('\n');
        }
    }

    /// <summary>One round's line, without its line break, in <see cref="Header"/>'s order.</summary>
    public static string Row(RoundResult round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var fields = new List<string>
        {
            round.Round.ToString(CultureInfo.InvariantCulture),
            Number(round.Sparsity),
            round.Steps.ToString(CultureInfo.InvariantCulture),
            Number(round.TrainLoss),
            Number(round.TestAccuracy),
            Number(round.TestLoss),
            round.Units.ToString(CultureInfo.InvariantCulture),
            round.DeadUnits.ToString(CultureInfo.InvariantCulture),
            Number(round.Seconds),
        };
        foreach (var (_, of) in Distributions)
        {
            var d = of(round);
            fields.AddRange([d.Count.ToString(CultureInfo.InvariantCulture), Number(d.Mean), Number(d.Q1), Number(d.Median), Number(d.Q3), Number(d.Min), Number(d.Max)]);
        }
        foreach (var (_, of) in CavityGroups)
        {
            var g = of(round);
            fields.AddRange(g is null
                ? [.. CavityFields.Select(_ => "")]
                : [g.Count.ToString(CultureInfo.InvariantCulture), Number(g.MeanDelta), Number(g.MedianDelta), Number(g.MeanGain),
                    Number(g.MedianGain), Number(g.FractionPositiveGain), Number(g.RankCorrelationWithMagnitude)]);
        }
        return string.Join(',', fields);
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
