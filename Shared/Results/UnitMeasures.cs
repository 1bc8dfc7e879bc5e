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
public sealed record UnitMeasures(
    int Unit,
    int Surviving,
    bool Dead,
    double? Ipr,
    double? Spread,
    double? ExcessKurtosis,
    double?[] ExcessKurtosisByClass,
    int[] PreActivationHistogram)
{
    public const int Bins = 40;

    public const double Range = 4;
}
