using System.Security.Claims;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Api;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Sharing;

/// <summary>
/// A run's, study's or family's share links: its owner or an admin lists, creates and revokes them (ShareService decides); and the round files
/// (arrays, atlas) a link's viewer downloads without a session.
/// </summary>
public static class ShareEndpoints
{
    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder app)
    {
        MapLinks(app.MapGroup("/api/runs/{id:guid}/shares").RequireAuthorization(LabPolicies.Member), ShareSubject.Run);

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
    /// List, create and revoke the share links of the subject whose id the group's route holds; <see cref="ShareService"/>
    /// decides whether the caller may share it.
    /// </summary>
    public static void MapLinks(RouteGroupBuilder shares, ShareSubject subject)
    {
        shares.MapGet("", async (Guid id, ClaimsPrincipal user, ShareService service, CancellationToken ct) =>
        {
            var (links, refusal) = await service.ListAsync(user, subject, id, ct);
            return refusal.Or(Results.Ok(links));
        });
        shares.MapPost("", async (Guid id, HttpRequest request, ClaimsPrincipal user, ShareService service, CancellationToken ct) =>
        {
            var (body, problem) = await SpecRequest.ReadAsync<ShareLinkRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var (created, refusal, errors) = await service.CreateAsync(user, subject, id, body, ct);
            return errors.Count > 0 ? SpecRequest.Problem(errors) : refusal.Or(Results.Created(created?.Path, created));
        });
        shares.MapDelete("/{linkId:guid}", async (Guid id, Guid linkId, ClaimsPrincipal user, ShareService service, CancellationToken ct) =>
            (await service.RevokeAsync(user, subject, id, linkId, ct)).Or(Results.NoContent()));
    }
}
