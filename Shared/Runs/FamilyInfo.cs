namespace LocalityLab.Shared.Runs;

/// <summary>A comparison or sweep: its runs in order, each with its label (and swept value).</summary>
public sealed record FamilyInfo(Guid Id, FamilyKind Kind, string Name, string? Field, DateTimeOffset CreatedAt, IReadOnlyList<FamilyMember> Members,
    string Owner = "");

public sealed record FamilyMember(RunInfo Run, string Label, double? Value);
