using LocalityLab.Shared.Results;

namespace LocalityLab.Web.Components.Runs;

/// <summary>
/// A sweep chart: one final measure of each member against its swept value. The measures it offers are named by key:
/// every charted per-unit measure's median (<see cref="UnitMeasureKinds.Charted"/>), then test accuracy.
/// </summary>
public static class SweepPoints
{
    /// <summary>The key of the final test accuracy, the one offered measure that is not per unit.</summary>
    public const string TestAccuracy = "testAccuracy";

    /// <summary>The keys a sweep chart offers, in order.</summary>
    public static IReadOnlyList<string> Measures => [.. UnitMeasureKinds.Charted.Select(m => m.Key), TestAccuracy];

    public static string Name(string measure) =>
        UnitMeasureKinds.Find(measure) is { } unit ? $"{unit.Title} (median)" : "test accuracy";

    /// <summary>One point per member, in order of the swept value; a member without a round yet has no y.</summary>
    public static Charts.ChartSeries Series(IReadOnlyList<ComparedRun> members, string measure)
    {
        ArgumentNullException.ThrowIfNull(members);
        var final = Final(measure);
        var ordered = members.Where(m => m.Value is not null).OrderBy(m => m.Value).ToList();
        return new(Name(measure), [.. ordered.Select(m => m.Value!.Value)],
            [.. ordered.Select(m => m.Rounds.Count == 0 ? null : final(m.Rounds[^1].Summary))]);
    }

    /// <summary>Whether the swept values are all positive and span at least a factor of 20: then they read best on a log axis.</summary>
    public static bool SpansDecades(Charts.ChartSeries points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.X.Count > 1 && points.X.All(x => x > 0) && points.X.Max() / points.X.Min() >= 20;
    }

    private static Func<RoundResult, double?> Final(string measure) =>
        UnitMeasureKinds.Find(measure) is { OverUnits: { } overUnits } ? r => overUnits(r).Median : r => r.TestAccuracy;
}
