namespace LocalityLab.Shared.Sharing;

/// <summary>What the owner asks for: an optional label and an optional lifetime in days (none: until revoked).</summary>
public sealed record ShareLinkRequest(string? Label = null, double? ExpiresInDays = null)
{
    public const double MaxDays = 3650;

    public const int MaxLabelLength = 200;
}
