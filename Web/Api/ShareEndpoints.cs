using System.Security.Claims;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>A run's share links: its owner or an admin lists, creates and revokes them.</summary>
public static class ShareEndpoints
{
    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder app)
    {
        var shares = app.MapGroup("/api/runs/{id:guid}/shares").RequireAuthorization(LabPolicies.Member);
        shares.MapGet("", async (Guid id, ClaimsPrincipal user, RunStore runs, ShareLinkStore links, CancellationToken ct) =>
            await runs.FindAsync(id, ct) is not { } run ? Results.NotFound()
            : !RunAccess.CanManage(user, run.Owner) ? RunEndpoints.NotYours("see the share links of")
            : Results.Ok(await links.ListAsync(id, ct)));
        shares.MapPost("", async (Guid id, HttpRequest request, ClaimsPrincipal user, RunStore runs, ShareLinkStore links, CancellationToken ct) =>
        {
            if (await runs.FindAsync(id, ct) is not { } run)
            {
                return Results.NotFound();
            }
            if (!RunAccess.CanManage(user, run.Owner))
            {
                return RunEndpoints.NotYours("share");
            }
            var (body, problem) = await SpecRequest.ReadAsync<ShareLinkRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var errors = ShareLinkRequestValidator.Validate(body);
            if (errors.Count > 0)
            {
                return SpecRequest.Problem(errors);
            }
            var created = await links.CreateAsync(id, user.Identity!.Name!, body!, ct);
            return Results.Created(created.Path, created);
        });
        shares.MapDelete("/{linkId:guid}", async (Guid id, Guid linkId, ClaimsPrincipal user, RunStore runs, ShareLinkStore links, CancellationToken ct) =>
            await runs.FindAsync(id, ct) is not { } run ? Results.NotFound()
            : !RunAccess.CanManage(user, run.Owner) ? RunEndpoints.NotYours("revoke a share link of")
            : await links.RevokeAsync(id, linkId, ct) ? Results.NoContent()
            : Results.NotFound());
        return app;
    }
}
