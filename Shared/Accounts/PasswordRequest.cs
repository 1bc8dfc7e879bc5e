namespace LocalityLab.Shared.Accounts;

/// <summary>An admin's request to give a member a new password (for one who forgot theirs).</summary>
public sealed record PasswordRequest(string Password);
