using Microsoft.AspNetCore.Identity;

namespace LocalityLab.Web.Accounts;

/// <summary>A lab member's account (ASP.NET Core Identity, in the lab's own database).</summary>
public sealed class LabUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
