using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Studies;

/// <summary>What each study measure is called on the page, and what its axis shows.</summary>
public static class StudyMeasureNames
{
    /// <summary>The measures the study page charts, in this order (sparsity is the x axis, not a chart).</summary>
    public static IReadOnlyList<string> Charted { get; } =
    [
        StudyMeasures.TestAccuracy, StudyMeasures.LocalityIndex, StudyMeasures.NonGaussianityIndex, StudyMeasures.AbsKurtosisWithin,
        StudyMeasures.ExcessKurtosis, StudyMeasures.SpreadRatio, StudyMeasures.Spread, StudyMeasures.Ipr,
        StudyMeasures.CavityGainWithinPrunedMinusKept, StudyMeasures.CavityGainPrunedMinusKept,
        StudyMeasures.CavityGainWithinPrunedNext, StudyMeasures.CavityGainPrunedNext, StudyMeasures.TestLoss,
    ];

    public static string Title(string measure) => measure switch
    {
        StudyMeasures.TestAccuracy => "Test accuracy",
        StudyMeasures.TestLoss => "Test loss",
        StudyMeasures.Sparsity => "Sparsity",
        StudyMeasures.Ipr => "IPR (mean over units)",
        StudyMeasures.Spread => "Spread (mean over units)",
        StudyMeasures.SpreadRatio => "Spread / permutation-null spread",
        StudyMeasures.LocalityIndex => "Locality index LI",
        StudyMeasures.ExcessKurtosis => "Excess kurtosis, both classes",
        StudyMeasures.AbsKurtosisWithin => "Within-class |excess kurtosis|",
        StudyMeasures.NonGaussianityIndex => "Non-Gaussianity index NGI",
        StudyMeasures.CavityGainPrunedMinusKept => "Mixture cavity gain: pruned next − kept",
        StudyMeasures.CavityGainWithinPrunedMinusKept => "Within-class cavity gain: pruned next − kept",
        StudyMeasures.CavityGainPrunedNext => "Mixture cavity gain of the weights pruned next",
        StudyMeasures.CavityGainWithinPrunedNext => "Within-class cavity gain of the weights pruned next",
        _ => measure,
    };

    /// <summary>The y axis: the quantity and its unit (most measures are ratios or standard scores).</summary>
    public static string Axis(string measure) => measure switch
    {
        StudyMeasures.TestAccuracy => "accuracy (fraction correct)",
        StudyMeasures.TestLoss => "loss (nats)",
        StudyMeasures.Ipr => "IPR (1/D to 1)",
        StudyMeasures.Spread => "spread (fraction of the largest)",
        StudyMeasures.SpreadRatio => "spread / spread_null",
        StudyMeasures.LocalityIndex or StudyMeasures.NonGaussianityIndex => "null standard deviations",
        StudyMeasures.ExcessKurtosis or StudyMeasures.AbsKurtosisWithin => "excess kurtosis",
        StudyMeasures.CavityGainPrunedMinusKept or StudyMeasures.CavityGainWithinPrunedMinusKept => "kurtosis gain difference",
        StudyMeasures.CavityGainPrunedNext or StudyMeasures.CavityGainWithinPrunedNext => "|k| change on removal",
        _ => measure,
    };
}
