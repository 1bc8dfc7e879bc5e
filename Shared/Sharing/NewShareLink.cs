namespace LocalityLab.Shared.Sharing;

/// <summary>A link just created: the only time its token and path are returned.</summary>
public sealed record NewShareLink(ShareLinkInfo Link, string Token, string Path);
