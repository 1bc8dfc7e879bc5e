namespace LocalityLab.Shared.Runs;

/// <summary>A comparison or sweep: its runs in order, each with its label (and swept value).</summary>
public sealed record FamilyInfo(Guid Id, FamilyKind Kind, string Name, string? Field, DateTimeOffset CreatedAt, IReadOnlyList<FamilyMember> Members,
    string Owner = "")
{
    /// <summary>
    /// What the family is, as a hash: SHA-256 of its kind, swept field and its runs' identities in order (name excluded,
    /// as a run's identity excludes its name). Two families of the same runs, compared the same way, share it.
    /// </summary>
    public string Identity => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        $"{Kind}\n{Field}\n{string.Join('\n', Members.Select(m => m.Run.SpecHash))}")));
}

public sealed record FamilyMember(RunInfo Run, string Label, double? Value);
