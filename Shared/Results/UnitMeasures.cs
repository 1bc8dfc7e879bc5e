namespace LocalityLab.Shared.Results;

/// <summary>
/// One first-layer hidden unit after a round. A dead unit (all incoming weights pruned) has null measures.
/// </summary>
/// <param name="Ipr">Inverse participation ratio sum w^4 / (sum w^2)^2 of the masked incoming weights.</param>
/// <param name="Spread">Circular variance of pixel coordinates under q_i = w_i^2 / sum w^2, averaged over the periodic axes: 0 is one pixel, 1 uniform.</param>
/// <param name="ExcessKurtosis">Of the pre-activation h = sum_i m_i w_i x_i over the whole test set.</param>
/// <param name="ExcessKurtosisByClass">The same within each class (class 0 first).</param>
/// <param name="PreActivationHistogram">Counts of the standardised pre-activation (h - mean) / std over the test set in
/// <see cref="Bins"/> equal bins on [-<see cref="Range"/>, <see cref="Range"/>], the outermost bins also holding what lies beyond; empty for a dead unit.</param>
/// <param name="SpreadNull">Mean spread of the permutation null: the unit's surviving weights at uniformly random distinct pixels
/// (Measures.NullPermutations placements).</param>
/// <param name="SpreadNullSd">Sample SD of the null's spread.</param>
/// <param name="LocalityIndex">LI = (SpreadNull - Spread) / SpreadNullSd: about 0 for a scattered RF at any sparsity, large for a
/// compact one. Null when the null SD is zero (e.g. a single surviving weight: every placement has spread 0).</param>
/// <param name="SpreadRatio">Spread / SpreadNull; null when the null mean is zero.</param>
/// <param name="AbsKurtosisWithin">Within-class |excess kurtosis| of h: the mean over the two classes of |ExcessKurtosisByClass|.</param>
/// <param name="AbsKurtosisWithinNull">Mean within-class |excess kurtosis| of the null's pre-activations.</param>
/// <param name="AbsKurtosisWithinNullSd">Sample SD of the null's within-class |excess kurtosis|.</param>
/// <param name="NonGaussianityIndex">NGI = (AbsKurtosisWithin - AbsKurtosisWithinNull) / AbsKurtosisWithinNullSd: does where the
/// surviving weights sit make h less Gaussian than chance placement? Null when the null SD is zero.</param>
public sealed record UnitMeasures(
    int Unit,
    int Surviving,
    bool Dead,
    double? Ipr,
    double? Spread,
    double? ExcessKurtosis,
    double?[] ExcessKurtosisByClass,
    int[] PreActivationHistogram,
    double? SpreadNull = null,
    double? SpreadNullSd = null,
    double? LocalityIndex = null,
    double? SpreadRatio = null,
    double? AbsKurtosisWithin = null,
    double? AbsKurtosisWithinNull = null,
    double? AbsKurtosisWithinNullSd = null,
    double? NonGaussianityIndex = null)
{
    public const int Bins = 40;

    public const double Range = 4;
}
