namespace LocalityLab.Web.Sharing;

/// <summary>A read-only link to one run, study or family (exactly one of the three); the link's token is stored only as its hash.</summary>
public sealed class ShareLinkRecord
{
    public Guid Id { get; set; }

    public Guid? RunId { get; set; }

    public Guid? StudyId { get; set; }

    public Guid? FamilyId { get; set; }

    public required string TokenHash { get; set; }

    public string? Label { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
