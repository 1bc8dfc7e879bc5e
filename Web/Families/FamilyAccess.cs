using System.Security.Claims;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Families;

/// <summary>
/// Who may share a family (controls, sweep or saved comparison): its owner or an admin, and only when they may share
/// every member run, since a link opens each member; a saved comparison may hold other members' runs, which only
/// their owners (or an admin) share. Members read every family; a share-link caller only the family its link shows.
/// </summary>
public static class FamilyAccess
{
    public static bool CanRead(ClaimsPrincipal user, Guid familyId) =>
        RunAccess.IsMember(user) || user.HasClaim(LabClaims.SharedFamily, familyId.ToString());

    /// <summary>Why the caller may not share the family, naming the first run that stops them; null when they may.</summary>
    public static Refusal? ShareRefusal(ClaimsPrincipal user, FamilyInfo family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (!RunAccess.CanManage(user, family.Owner))
        {
            return Refusal.Forbidden("Only the family's owner or an admin may share it.");
        }
        return family.Members.FirstOrDefault(m => !RunAccess.CanManage(user, m.Run.Owner)) is { } other
            ? Refusal.Forbidden($"Run '{other.Run.Name}' belongs to {other.Run.Owner}: only its owner or an admin may share it, so this family cannot be shared by you.")
            : null;
    }
}
