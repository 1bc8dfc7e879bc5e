namespace LocalityLab.Shared.Studies;

/// <summary>
/// A raw measure and its null-corrected index give opposite verdicts for the same control, comparison and round
/// (raw |k| against NGI, raw spread against LI); SCIENCE.md asks for both and one plain line saying so.
/// </summary>
/// <param name="Raw">The raw claim's id (<see cref="StudyClaimIds.C2Kurtosis"/> or <see cref="StudyClaimIds.C1Spread"/>).</param>
/// <param name="Corrected">The null-corrected claim's id (<see cref="StudyClaimIds.C2Ngi"/> or <see cref="StudyClaimIds.C1"/>).</param>
/// <param name="Message">The plain line the table, the terminal and summary.json carry.</param>
public sealed record ClaimDisagreement(
    string Raw, string Corrected, string Against, ClaimComparison Comparison, int Round,
    ClaimVerdict RawVerdict, ClaimVerdict CorrectedVerdict, string Message);
