namespace LocalityLab.Shared.Results;

/// <summary>Are the weights pruned next round the ones whose removal makes h more non-Gaussian?</summary>
public sealed record CavitySummary(CavityGroup PrunedNext, CavityGroup Kept);
