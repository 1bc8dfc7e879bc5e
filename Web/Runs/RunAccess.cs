using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Accounts;

namespace LocalityLab.Web.Runs;

/// <summary>
/// Who may do what with a run. Members and admins read every lab run; a share-link caller reads only its run.
/// Only the run's owner or an admin cancels, resumes, deletes or shares it.
/// </summary>
public static class RunAccess
{
    public static bool IsMember(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(LabRoles.Admin) || user.IsInRole(LabRoles.Member));

    public static bool CanRead(ClaimsPrincipal user, Guid runId) =>
        IsMember(user) || user.HasClaim(LabClaims.SharedRun, runId.ToString());

    public static bool CanManage(ClaimsPrincipal user, string owner) =>
        IsMember(user) && (user.IsInRole(LabRoles.Admin) || string.Equals(user.Identity!.Name, owner, StringComparison.Ordinal));

    /// <summary>The name runs are stored under: the signed-in member's user name.</summary>
    public static string OwnerName(ClaimsPrincipal user) =>
        IsMember(user) ? user.Identity!.Name! : throw new InvalidOperationException("Only a signed-in member owns runs.");
}
