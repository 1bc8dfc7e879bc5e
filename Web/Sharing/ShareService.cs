using System.Globalization;
using System.Security.Claims;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// Share links, for the share panel, the API and the shared page alike. Listing, creating and revoking take the caller
/// and decide: a run's or study's owner or an admin, and for a family only one who may share every member run
/// (<see cref="FamilyAccess"/>). A link's holder is a caller too (<see cref="CallerAsync"/>): what the shared page and the
/// X-Share-Token header give the services, which then show exactly what the link opens.
/// </summary>
public sealed class ShareService(ShareLinkStore links, RunStore runs, StudyStore studies, FamilyStore families)
{
    /// <summary>Raised (with the link's id) when a link is revoked, so views opened through it close at once.</summary>
    public event Action<Guid>? Revoked
    {
        add => links.Revoked += value;
        remove => links.Revoked -= value;
    }

    /// <summary>Why the caller may not share the subject (404 for none, 403 for not theirs to share); null when they may.</summary>
    public async Task<Refusal?> SharingRefusalAsync(ClaimsPrincipal caller, ShareSubject subject, Guid id, CancellationToken cancellationToken)
    {
        switch (subject)
        {
            case ShareSubject.Run:
                var run = await runs.FindAsync(id, cancellationToken);
                return run is null ? Refusal.NotFound($"There is no run {id}.")
                    : RunAccess.CanManage(caller, run.Owner) ? null
                    : Refusal.Forbidden("Only the run's owner or an admin may share it.");
            case ShareSubject.Study:
                var study = await studies.FindAsync(id, cancellationToken);
                return study is null ? Refusal.NotFound($"There is no study {id}.")
                    : StudyAccess.CanManage(caller, study.Owner) ? null
                    : Refusal.Forbidden("Only the study's owner or an admin may share it.");
            default:
                var family = await families.FindAsync(id, cancellationToken);
                return family is null ? Refusal.NotFound($"There is no family {id}.")
                    : FamilyAccess.ShareRefusal(caller, family) is { } refusal ? refusal
                    : null;
        }
    }

    /// <summary>The subject's links, newest first, or why the caller may not see them.</summary>
    public async Task<(IReadOnlyList<ShareLinkInfo> Links, Refusal? Refusal)> ListAsync(ClaimsPrincipal caller, ShareSubject subject, Guid id,
        CancellationToken cancellationToken) =>
        await SharingRefusalAsync(caller, subject, id, cancellationToken) is { } refusal
            ? ([], refusal)
            : (await links.ListAsync(id, cancellationToken), null);

    /// <summary>A new link to the subject, made by the caller; or why not (refused, or the request's errors by field).</summary>
    public async Task<(NewShareLink? Link, Refusal? Refusal, IReadOnlyList<ValidationError> Errors)> CreateAsync(ClaimsPrincipal caller,
        ShareSubject subject, Guid id, ShareLinkRequest? request, CancellationToken cancellationToken)
    {
        if (await SharingRefusalAsync(caller, subject, id, cancellationToken) is { } refusal)
        {
            return (null, refusal, []);
        }
        var errors = ShareLinkRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return (null, null, errors);
        }
        string by = caller.Identity!.Name!;
        var link = subject switch
        {
            ShareSubject.Run => await links.CreateAsync(id, by, request!, cancellationToken),
            ShareSubject.Study => await links.CreateForStudyAsync(id, by, request!, cancellationToken),
            _ => await links.CreateForFamilyAsync(id, by, request!, cancellationToken),
        };
        return (link, null, []);
    }

    /// <summary>Revokes one of the subject's links; null when done, else why not (404 for no such active link).</summary>
    public async Task<Refusal?> RevokeAsync(ClaimsPrincipal caller, ShareSubject subject, Guid id, Guid linkId, CancellationToken cancellationToken) =>
        await SharingRefusalAsync(caller, subject, id, cancellationToken) is { } refusal ? refusal
        : await links.RevokeAsync(id, linkId, cancellationToken) ? null
        : Refusal.NotFound($"There is no active link {linkId}.");

    /// <summary>The active link a token opens; null for a malformed, unknown, revoked or expired token.</summary>
    public Task<ShareLinkInfo?> FindActiveAsync(string? token, CancellationToken cancellationToken) => links.FindActiveAsync(token, cancellationToken);

    /// <summary>The link a token is, whatever its state (a closed view says whether it was revoked or expired); null for an unknown token.</summary>
    public Task<ShareLinkInfo?> FindAsync(string? token, CancellationToken cancellationToken) => links.FindAsync(token, cancellationToken);

    /// <summary>Whether the link opens this run: its own run, a replicate of its study, or a member of its family.</summary>
    public Task<bool> OpensRunAsync(ShareLinkInfo link, Guid runId, CancellationToken cancellationToken) =>
        links.OpensRunAsync(link, runId, cancellationToken);

    /// <summary>
    /// The link's holder as a caller: no role, and a claim for each thing the link opens (its run, or its study or family
    /// and each of their runs), which is all <see cref="RunAccess"/>, <see cref="StudyAccess"/> and <see cref="FamilyAccess"/> let it read.
    /// </summary>
    public async Task<ClaimsPrincipal> CallerAsync(ShareLinkInfo link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var claims = new List<Claim> { new(ClaimTypes.Name, "share link"), new(LabClaims.ShareLink, link.Id.ToString()) };
        if (link.ExpiresAt is { } expires)
        {
            claims.Add(new Claim(LabClaims.ShareLinkExpires, expires.ToString("O", CultureInfo.InvariantCulture)));
        }
        if (link.StudyId is { } studyId)
        {
            claims.Add(new Claim(LabClaims.SharedStudy, studyId.ToString()));
        }
        if (link.FamilyId is { } familyId)
        {
            claims.Add(new Claim(LabClaims.SharedFamily, familyId.ToString()));
        }
        claims.AddRange((await links.RunsOpenedAsync(link, cancellationToken)).Select(id => new Claim(LabClaims.SharedRun, id.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ShareLinkAuthenticationHandler.SchemeName));
    }
}
