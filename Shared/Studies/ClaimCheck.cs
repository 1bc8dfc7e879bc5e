namespace LocalityLab.Shared.Studies;

/// <summary>One further interval a claim's verdict reads, with what that interval alone says.</summary>
/// <param name="Verdict">For <see cref="ClaimCheckKind.Clone"/>, the clone's verdict by the claim's own rule; else the interval's sign.</param>
public sealed record ClaimCheck(ClaimCheckKind Kind, double? Mean, double? Low, double? High, int N, ClaimVerdict Verdict);
