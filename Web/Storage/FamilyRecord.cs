using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Storage;

/// <summary>A comparison or sweep; its runs are FamilyMemberRecords (a stored run can be in several families).</summary>
public sealed class FamilyRecord
{
    public Guid Id { get; set; }

    public FamilyKind Kind { get; set; }

    public required string Name { get; set; }

    public string? Field { get; set; }

    public required string Owner { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long CreatedOrder { get; set; }

    public List<FamilyMemberRecord> Members { get; set; } = [];
}
