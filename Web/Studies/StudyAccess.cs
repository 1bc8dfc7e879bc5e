using System.Security.Claims;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Studies;

/// <summary>
/// Who may do what with a study: members and admins read every study, a share-link caller only the study its link
/// shows (and that study's replicate runs, <see cref="RunAccess"/>). Only its owner or an admin cancels, resumes,
/// deletes or shares it.
/// </summary>
public static class StudyAccess
{
    public static bool CanRead(ClaimsPrincipal user, Guid studyId) =>
        RunAccess.IsMember(user) || user.HasClaim(LabClaims.SharedStudy, studyId.ToString());

    public static bool CanManage(ClaimsPrincipal user, string owner) => RunAccess.CanManage(user, owner);
}
