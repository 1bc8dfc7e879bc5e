namespace LocalityLab.Shared.Results;

/// <summary>
/// Cavity statistics of one group of surviving first-layer weights. Delta = exkurt(h - w x) - exkurt(h);
/// Gain = |exkurt(h - w x)| - |exkurt(h)|, the non-Gaussianity gained by removing the weight.
/// </summary>
/// <param name="RankCorrelationWithMagnitude">Spearman correlation of Gain with |w| within the group.</param>
public sealed record CavityGroup(
    int Count,
    double? MeanDelta,
    double? MedianDelta,
    double? MeanGain,
    double? MedianGain,
    double? FractionPositiveGain,
    double? RankCorrelationWithMagnitude);
