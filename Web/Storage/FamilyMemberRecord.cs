namespace LocalityLab.Web.Storage;

public sealed class FamilyMemberRecord
{
    public Guid FamilyId { get; set; }

    public int Position { get; set; }

    public Guid RunId { get; set; }

    public required string Label { get; set; }

    public double? Value { get; set; }
}
