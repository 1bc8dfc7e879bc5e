namespace LocalityLab.Shared.Accounts;

/// <summary>A lab member as the members page and the admin API show them.</summary>
public sealed record MemberInfo(string UserName, string Role, DateTimeOffset CreatedAt);
