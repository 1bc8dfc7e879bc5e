using LocalityLab.Shared.Registries;

namespace LocalityLab.Shared.Results;

/// <summary>
/// The measures of each first-layer unit (<see cref="UnitMeasure"/>), in the order the rounds CSV lists them and the
/// .npz holds them. Adding one is its properties on <see cref="UnitMeasures"/> and <see cref="RoundResult"/>, and one
/// line below; the rounds CSV, the round .npz, the run page and comparisons read it from here.
/// </summary>
public static class UnitMeasureKinds
{
    /// <summary>Inverse participation ratio of a unit's masked incoming weights.</summary>
    public const string Ipr = "ipr";

    /// <summary>Spatial spread of a unit's weight energy on the ring or torus.</summary>
    public const string Spread = "spread";

    /// <summary>Excess kurtosis of a unit's pre-activations over the mixture of both classes.</summary>
    public const string ExcessKurtosis = "excessKurtosis";

    /// <summary>Mean spread of the permutation null (kept per unit only: a round has no distribution of it).</summary>
    public const string SpreadNull = "spreadNull";

    /// <summary>Spread / spread_null.</summary>
    public const string SpreadRatio = "spreadRatio";

    /// <summary>Locality index LI = (spread_null - spread) / sd_null.</summary>
    public const string LocalityIndex = "localityIndex";

    /// <summary>Within-class |excess kurtosis| of the pre-activations, the mean over the two classes.</summary>
    public const string AbsKurtosisWithin = "absKurtosisWithin";

    /// <summary>Non-Gaussianity index NGI = (within-class |k| - mean_null) / sd_null.</summary>
    public const string NonGaussianityIndex = "nonGaussianityIndex";

    private const string KurtosisTitle = "Excess kurtosis of pre-activations", KurtosisAxis = "excess kurtosis κ − 3 of h";

    private static readonly Registry<UnitMeasure> Registry = new("per-unit measure", m => m.Key,
    [
        new(Ipr, "IPR", "IPR = Σw⁴ / (Σw²)², log scale", u => u.Ipr, r => r.Ipr) { LogAxis = true, Chart = 1, Short = "IPR" },
        new(Spread, "Spread", "spread 1 − R of w² (0 local, 1 spread out)", u => u.Spread, r => r.Spread) { Chart = 2, Short = "spread" },
        new(ExcessKurtosis, KurtosisTitle, KurtosisAxis, u => u.ExcessKurtosis, r => r.ExcessKurtosis) { Chart = 3, Short = "excess kurtosis" },
        ExcessKurtosisOfClass(0),
        ExcessKurtosisOfClass(1),
        new(SpreadNull, "Spread of the permutation null", "spread 1 − R of w² (mean over random placements)", u => u.SpreadNull, null),
        new(SpreadRatio, "Spread / permutation-null spread", "spread / spread_null", u => u.SpreadRatio, r => r.SpreadRatio),
        new(LocalityIndex, "Locality index LI", "null standard deviations", u => u.LocalityIndex, r => r.LocalityIndex),
        new(AbsKurtosisWithin, "Within-class |excess kurtosis|", "excess kurtosis", u => u.AbsKurtosisWithin, r => r.AbsKurtosisWithin),
        new(NonGaussianityIndex, "Non-Gaussianity index NGI", "null standard deviations", u => u.NonGaussianityIndex, r => r.NonGaussianityIndex)
        {
            NpzKey = "ngi", // the name round files have always used, which researchers' scripts read
        },
    ]);

    /// <summary>Every registered measure, built-in ones first.</summary>
    public static IReadOnlyList<UnitMeasure> All => Registry.All;

    /// <summary>The measures a round keeps a distribution of (the rounds CSV's columns), in order.</summary>
    public static IReadOnlyList<UnitMeasure> OverUnits => [.. All.Where(m => m.OverUnits is not null)];

    /// <summary>The measures the run page and comparisons chart, in their order.</summary>
    public static IReadOnlyList<UnitMeasure> Charted => [.. All.Where(m => m is { Chart: not null, OverUnits: not null }).OrderBy(m => m.Chart)];

    /// <summary>The same measure within each class, in class order, drawn on <paramref name="measure"/>'s chart.</summary>
    public static IReadOnlyList<UnitMeasure> WithinClasses(UnitMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return [.. All.Where(m => m.OverUnits is not null && m.WithinClass?.Of == measure.Key).OrderBy(m => m.WithinClass!.Value.Label)];
    }

    /// <summary>The measure named <paramref name="key"/>, or null.</summary>
    public static UnitMeasure? Find(string key) => Registry.Find(key);

    /// <summary>Adds a measure after the built-in ones until the returned handle is disposed (a measure of one's own, or a test's).</summary>
    public static IDisposable Register(UnitMeasure measure) => Registry.Register(measure);

    // The within-class kurtosis is a list on the round and the unit (class 0 first), so its measures are made here per
    // class, named after the overall one ("excessKurtosisClass0"); a class a round did not measure reads as absent.
    private static UnitMeasure ExcessKurtosisOfClass(int label) =>
        new($"{ExcessKurtosis}Class{label}", $"{KurtosisTitle}, class {label}", KurtosisAxis,
            u => u.ExcessKurtosisByClass.ElementAtOrDefault(label),
            r => r.ExcessKurtosisByClass.ElementAtOrDefault(label) ?? Distribution.Empty)
        { WithinClass = (ExcessKurtosis, label) };
}
