namespace LocalityLab.Shared.Studies;

/// <summary>A study's statistics: every measure's band per condition and round, and every claim's verdict.</summary>
public sealed record StudySummary(IReadOnlyList<MeasureBand> Bands, IReadOnlyList<ClaimResult> Claims);
