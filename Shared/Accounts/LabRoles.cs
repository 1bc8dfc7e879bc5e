namespace LocalityLab.Shared.Accounts;

/// <summary>The two roles: an Admin manages members and every run; a Member runs experiments and manages their own runs.</summary>
public static class LabRoles
{
    public const string Admin = "Admin";

    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Member];
}
