namespace LocalityLab.Shared.Studies;

/// <summary>A study's statistics: every measure's band per condition and round, and every claim's verdict.</summary>
public sealed record StudySummary(IReadOnlyList<MeasureBand> Bands, IReadOnlyList<ClaimResult> Claims)
{
    /// <summary>Where a raw measure and its null-corrected index say opposite things (each with its plain line).</summary>
    public IReadOnlyList<ClaimDisagreement> Disagreements { get; init; } = [];

    /// <summary>What the study's data is not exactly as asked (a clipped latent kernel), in the words `sample` prints.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
