namespace LocalityLab.Shared.Studies;

/// <summary>The scalar measure keys a study records per replicate and round (keys of <see cref="StudyObservation.Values"/>).</summary>
public static class StudyMeasures
{
    /// <summary>Accuracy on the fixed test set.</summary>
    public const string TestAccuracy = "testAccuracy";

    /// <summary>Loss on the fixed test set.</summary>
    public const string TestLoss = "testLoss";

    /// <summary>Fraction of prunable weights removed so far (the band is taken from <see cref="StudyObservation.Sparsity"/>).</summary>
    public const string Sparsity = "sparsity";

    /// <summary>Inverse participation ratio of the first-layer weights, mean over live units.</summary>
    public const string Ipr = "ipr";

    /// <summary>Spatial spread of the first-layer weight energy on the ring or torus, mean over live units.</summary>
    public const string Spread = "spread";

    /// <summary>Spread / spread_null, the null being the same surviving energies at random distinct pixels; mean over live units.</summary>
    public const string SpreadRatio = "spreadRatio";

    /// <summary>Locality index LI = (spread_null - spread) / sd_null, mean over units.</summary>
    public const string LocalityIndex = "localityIndex";

    /// <summary>Excess kurtosis of the pre-activations over the mixture of both classes, mean over units.</summary>
    public const string ExcessKurtosis = "excessKurtosis";

    /// <summary>Within-class |excess kurtosis| of the pre-activations, mean over the two classes and units.</summary>
    public const string AbsKurtosisWithin = "absKurtosisWithin";

    /// <summary>Non-Gaussianity index NGI = (within-class |k| - mean_null) / sd_null, against the same permutation null.</summary>
    public const string NonGaussianityIndex = "nonGaussianityIndex";

    /// <summary>Mixture cavity gain: mean over the weights pruned next round minus mean over the weights kept.</summary>
    public const string CavityGainPrunedMinusKept = "cavityGainPrunedMinusKept";

    /// <summary>Within-class cavity gain: mean over the weights pruned next round minus mean over the weights kept.</summary>
    public const string CavityGainWithinPrunedMinusKept = "cavityGainWithinPrunedMinusKept";

    /// <summary>Mixture cavity gain, mean over the weights pruned next round: positive where removing them raises non-Gaussianity.</summary>
    public const string CavityGainPrunedNext = "cavityGainPrunedNext";

    /// <summary>Within-class cavity gain, mean over the weights pruned next round.</summary>
    public const string CavityGainWithinPrunedNext = "cavityGainWithinPrunedNext";

    /// <summary>Every key above, in this order (the order bands are listed in).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TestAccuracy, TestLoss, Sparsity, Ipr, Spread, SpreadRatio, LocalityIndex, ExcessKurtosis,
        AbsKurtosisWithin, NonGaussianityIndex, CavityGainPrunedMinusKept, CavityGainWithinPrunedMinusKept,
        CavityGainPrunedNext, CavityGainWithinPrunedNext,
    ];
}
