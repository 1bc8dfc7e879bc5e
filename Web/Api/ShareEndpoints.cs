using System.Security.Claims;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Validation;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;

namespace LocalityLab.Web.Api;

/// <summary>
/// A run's share links: its owner or an admin (ManagedRunFilter) lists, creates and revokes them; and the round files
/// (arrays, atlas) a link's viewer downloads without a session.
/// </summary>
public static class ShareEndpoints
{
    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder app)
    {
        MapLinks(app.MapGroup("/api/runs/{id:guid}/shares").RequireAuthorization(LabPolicies.Member).AddEndpointFilter(new ManagedRunFilter("share")),
            (links, id, by, request, ct) => links.CreateAsync(id, by, request, ct));

        // A share link's own downloads: the page it opens links here, since its viewer has no session. A study's link
        // opens the study's files and every replicate's round files.
        var studyFiles = app.MapGroup("/s/{token}/study").AllowAnonymous();
        studyFiles.MapGet(StudyFiles.FileRoute, async (string token, string file, ShareLinkStore links, StudyStore studies, RunStore runs, CancellationToken ct) =>
            await links.FindActiveAsync(token, ct) is { StudyId: { } studyId } ? await StudyFiles.FileAsync(studies, runs, studyId, file, ct) : Results.NotFound());
        studyFiles.MapGet("/" + StudyFiles.ExportName, async (string token, ShareLinkStore links, StudyStore studies, RunStore runs, CancellationToken ct) =>
            await links.FindActiveAsync(token, ct) is { StudyId: { } studyId } ? await StudyFiles.ExportAsync(studies, runs, studyId, ct) : Results.NotFound());
        var runFiles = app.MapGroup("/s/{token}/runs/{runId:guid}").AllowAnonymous();
        foreach (var (file, serve) in RoundFiles.WholeRun)
        {
            runFiles.MapGet("/" + file, async (string token, Guid runId, ShareLinkStore links, RunStore runs, CancellationToken ct) =>
                await links.OpensRunAsync(token, runId, ct) ? await serve(runs, runId, ct) : Results.NotFound());
        }
        var replicate = app.MapGroup("/s/{token}/runs/{runId:guid}/rounds/{round:int}").AllowAnonymous();
        replicate.MapGet("/arrays.npz", async (string token, Guid runId, int round, ShareLinkStore links, RunStore runs, CancellationToken ct) =>
            await links.OpensRunAsync(token, runId, ct) ? await RoundFiles.ArraysAsync(runs, runId, round, ct) : Results.NotFound());
        replicate.MapGet("/atlas.png", async (string token, Guid runId, int round, ShareLinkStore links, RunStore runs, CancellationToken ct) =>
            await links.OpensRunAsync(token, runId, ct) ? await RoundFiles.AtlasAsync(runs, runId, round, ct) : Results.NotFound());
        var shared = app.MapGroup("/s/{token}/rounds/{round:int}").AllowAnonymous();
        shared.MapGet("/arrays.npz", async (string token, int round, ShareLinkStore links, RunStore runs, CancellationToken ct) =>
            await links.ResolveAsync(token, ct) is { } runId ? await RoundFiles.ArraysAsync(runs, runId, round, ct) : Results.NotFound());
        shared.MapGet("/atlas.png", async (string token, int round, ShareLinkStore links, RunStore runs, CancellationToken ct) =>
            await links.ResolveAsync(token, ct) is { } runId ? await RoundFiles.AtlasAsync(runs, runId, round, ct) : Results.NotFound());
        return app;
    }

    /// <summary>
    /// List, create and revoke the share links of the subject (a run or a study) whose id the group's route holds; the
    /// group's filter has already checked that the caller may share it.
    /// </summary>
    public static void MapLinks(RouteGroupBuilder shares,
        Func<ShareLinkStore, Guid, string, ShareLinkRequest, CancellationToken, Task<NewShareLink>> create)
    {
        shares.MapGet("", async (Guid id, ShareLinkStore links, CancellationToken ct) => Results.Ok(await links.ListAsync(id, ct)));
        shares.MapPost("", async (Guid id, HttpRequest request, ClaimsPrincipal user, ShareLinkStore links, CancellationToken ct) =>
        {
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
            var created = await create(links, id, user.Identity!.Name!, body!, ct);
            return Results.Created(created.Path, created);
        });
        shares.MapDelete("/{linkId:guid}", async (Guid id, Guid linkId, ShareLinkStore links, CancellationToken ct) =>
            await links.RevokeAsync(id, linkId, ct) ? Results.NoContent() : Results.NotFound());
    }
}
