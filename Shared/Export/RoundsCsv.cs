using System.Globalization;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Export;

/// <summary>
/// A run's per-round measures as one wide CSV, a row per round, for pandas or R: the round's scalars, then for every
/// per-unit measure a round keeps a distribution of (<see cref="UnitMeasureKinds.OverUnits"/>) its count, mean, quartiles and range, then both cavity groups. Numbers in invariant "R" form
/// (round-trip exact), an absent one as an empty field; no field holds a comma, quote or line break, so nothing is quoted.
/// </summary>
public static class RoundsCsv
{
    private static readonly (string Name, Func<RoundResult, CavityGroup?> Of)[] CavityGroups =
    [
        ("cavityPrunedNext", r => r.Cavity.PrunedNext),
        ("cavityKept", r => r.Cavity.Kept),
        ("cavityWithinPrunedNext", r => r.CavityWithinClass?.PrunedNext),
        ("cavityWithinKept", r => r.CavityWithinClass?.Kept),
    ];

    private static readonly string[] DistributionFields = ["Count", "Mean", "Q1", "Median", "Q3", "Min", "Max"];
    private static readonly string[] CavityFields = ["Count", "MeanDelta", "MedianDelta", "MeanGain", "MedianGain", "FractionPositiveGain", "RankCorrelationWithMagnitude"];

    /// <summary>The columns, read from the registered measures (<see cref="UnitMeasureKinds.OverUnits"/>) when asked.</summary>
    public static string Header => HeaderOf(UnitMeasureKinds.OverUnits);

    private static string HeaderOf(IReadOnlyList<UnitMeasure> measures) => string.Join(',',
        new[] { "round", "sparsity", "steps", "trainLoss", "testAccuracy", "testLoss", "units", "deadUnits", "seconds" }
            .Concat(measures.SelectMany(m => DistributionFields.Select(f => m.Key + f)))
            .Concat(CavityGroups.SelectMany(g => CavityFields.Select(f => g.Name + f))));

    public static void Write(IEnumerable<RoundResult> rounds, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(writer);
        var measures = UnitMeasureKinds.OverUnits; // once, so the header and every row have the same columns
        writer.Write(HeaderOf(measures));
        writer.Write('\n');
        foreach (var round in rounds)
        {
            writer.Write(Row(round, measures));
            writer.Write('\n');
        }
    }

    /// <summary>One round's line, without its line break, in <see cref="Header"/>'s order.</summary>
    public static string Row(RoundResult round) => Row(round, UnitMeasureKinds.OverUnits);

    private static string Row(RoundResult round, IReadOnlyList<UnitMeasure> measures)
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
        foreach (var measure in measures)
        {
            var d = measure.OverUnits!(round);
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
