using LocalityLab.Shared.Registries;
using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// The measures a study records per replicate and round (<see cref="StudyMeasure"/>), in the order their bands are
/// listed. Adding one is its descriptor and one line in the registry below; observations, the statistics, the
/// summary files and the study page all read it from here.
/// </summary>
public static class StudyMeasures
{
    /// <summary>Accuracy on the fixed test set.</summary>
    public const string TestAccuracy = "testAccuracy";

    /// <summary>Loss on the fixed test set.</summary>
    public const string TestLoss = "testLoss";

    /// <summary>Fraction of prunable weights removed so far (the band is taken from <see cref="StudyObservation.Sparsity"/>).</summary>
    public const string Sparsity = "sparsity";

    /// <summary>Inverse participation ratio of the first-layer weights, mean over live units.</summary>
    public const string Ipr = UnitMeasureKinds.Ipr;

    /// <summary>Spatial spread of the first-layer weight energy on the ring or torus, mean over live units.</summary>
    public const string Spread = UnitMeasureKinds.Spread;

    /// <summary>Spread / spread_null, the null being the same surviving energies at random distinct pixels; mean over live units.</summary>
    public const string SpreadRatio = UnitMeasureKinds.SpreadRatio;

    /// <summary>Locality index LI = (spread_null - spread) / sd_null, mean over units.</summary>
    public const string LocalityIndex = UnitMeasureKinds.LocalityIndex;

    /// <summary>Excess kurtosis of the pre-activations over the mixture of both classes, mean over units.</summary>
    public const string ExcessKurtosis = UnitMeasureKinds.ExcessKurtosis;

    /// <summary>Within-class |excess kurtosis| of the pre-activations, mean over the two classes and units.</summary>
    public const string AbsKurtosisWithin = UnitMeasureKinds.AbsKurtosisWithin;

    /// <summary>Non-Gaussianity index NGI = (within-class |k| - mean_null) / sd_null, against the same permutation null.</summary>
    public const string NonGaussianityIndex = UnitMeasureKinds.NonGaussianityIndex;

    /// <summary>Mixture cavity gain: mean over the weights pruned next round minus mean over the weights kept.</summary>
    public const string CavityGainPrunedMinusKept = "cavityGainPrunedMinusKept";

    /// <summary>Within-class cavity gain: mean over the weights pruned next round minus mean over the weights kept.</summary>
    public const string CavityGainWithinPrunedMinusKept = "cavityGainWithinPrunedMinusKept";

    /// <summary>Mixture cavity gain, mean over the weights pruned next round: positive where removing them raises non-Gaussianity.</summary>
    public const string CavityGainPrunedNext = "cavityGainPrunedNext";

    /// <summary>Within-class cavity gain, mean over the weights pruned next round.</summary>
    public const string CavityGainWithinPrunedNext = "cavityGainWithinPrunedNext";

    private static readonly Registry<StudyMeasure> Registry = new("study measure", m => m.Key,
    [
        new(TestAccuracy, "Test accuracy", "accuracy (fraction correct)", r => r.TestAccuracy) { Chart = 1 },
        new(TestLoss, "Test loss", "loss (nats)", r => r.TestLoss) { Chart = 13 },
        new(Sparsity, "Sparsity", "sparsity (fraction removed)", r => r.Sparsity),
        new(Ipr, "IPR (mean over units)", "IPR (1/D to 1)", r => Mean(r.Ipr)) { Chart = 8 },
        new(Spread, "Spread (mean over units)", "spread (fraction of the largest)", r => Mean(r.Spread)) { Chart = 7 },
        new(SpreadRatio, "Spread / permutation-null spread", "spread / spread_null", r => Mean(r.SpreadRatio)) { Chart = 6 },
        new(LocalityIndex, "Locality index LI", "null standard deviations", r => Mean(r.LocalityIndex)) { Chart = 2 },
        new(ExcessKurtosis, "Excess kurtosis, both classes", "excess kurtosis", r => Mean(r.ExcessKurtosis)) { Chart = 5 },
        new(AbsKurtosisWithin, "Within-class |excess kurtosis|", "excess kurtosis", r => Mean(r.AbsKurtosisWithin)) { Chart = 4 },
        new(NonGaussianityIndex, "Non-Gaussianity index NGI", "null standard deviations", r => Mean(r.NonGaussianityIndex)) { Chart = 3 },
        new(CavityGainPrunedMinusKept, "Mixture cavity gain: pruned next − kept", "kurtosis gain difference",
            r => GainDifference(r.Cavity)) { Chart = 10 },
        new(CavityGainWithinPrunedMinusKept, "Within-class cavity gain: pruned next − kept", "kurtosis gain difference",
            r => GainDifference(r.CavityWithinClass)) { Chart = 9 },
        new(CavityGainPrunedNext, "Mixture cavity gain of the weights pruned next", "|k| change on removal",
            r => r.Cavity?.PrunedNext.MeanGain ?? double.NaN) { Chart = 12 },
        new(CavityGainWithinPrunedNext, "Within-class cavity gain of the weights pruned next", "|k| change on removal",
            r => r.CavityWithinClass?.PrunedNext.MeanGain ?? double.NaN) { Chart = 11 },
    ]);

    /// <summary>Every registered measure, in band order.</summary>
    public static IReadOnlyList<StudyMeasure> All => Registry.All;

    /// <summary>The keys of <see cref="All"/>, in the same order.</summary>
    public static IReadOnlyList<string> Keys => [.. All.Select(m => m.Key)];

    /// <summary>The measures the study page charts, in its order.</summary>
    public static IReadOnlyList<StudyMeasure> Charted => [.. All.Where(m => m.Chart is not null).OrderBy(m => m.Chart)];

    /// <summary>The measure named <paramref name="key"/>, or null.</summary>
    public static StudyMeasure? Find(string key) => Registry.Find(key);

    /// <summary>Adds a measure after the built-in ones until the returned handle is disposed (a measure of one's own, or a test's).</summary>
    public static IDisposable Register(StudyMeasure measure) => Registry.Register(measure);

    private static double Mean(Distribution distribution) => distribution.Mean ?? double.NaN;

    /// <summary>Mean cavity gain of the weights pruned next round minus that of the kept ones (NaN when a group is empty).</summary>
    private static double GainDifference(CavitySummary? cavity) =>
        cavity is { PrunedNext.MeanGain: { } pruned, Kept.MeanGain: { } kept } ? pruned - kept : double.NaN;
}
