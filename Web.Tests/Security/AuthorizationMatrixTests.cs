using System.Net;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Templates;
using LocalityLab.Web.Tests.Runs;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Security;

/// <summary>
/// Every API endpoint against anonymous, share-token, member, owner and admin callers, each cell asserted; and a
/// check that no endpoint is left out of the table.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixLab fixture) : IClassFixture<MatrixLab>
{
    /// <summary>A request to make, and the run (or, when given, the study) a share-token caller holds a link to.</summary>
    private sealed record Arranged(HttpMethod Method, string Path, HttpContent? Body, Guid SharedRun, Guid? SharedStudy = null);

    /// <summary>One row: the endpoint (method and route pattern), how to arrange a fresh target, and each caller's status.</summary>
    private sealed record Row(string Endpoint, Func<MatrixLab, Task<Arranged>> Arrange, int Anonymous, int Share, int Member, int Owner, int Admin)
    {
        public int Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous,
            Caller.ShareToken => Share,
            Caller.Member => Member,
            Caller.Owner => Owner,
            _ => Admin,
        };
    }

    private static Arranged Get(string path, Guid shared) => new(HttpMethod.Get, path, null, shared);

    private static readonly Row[] Rows =
    [
        new("GET /api/runs", lab => Task.FromResult(Get("/api/runs", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("POST /api/runs", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/runs",
            MatrixLab.Json(LabFactory.Spec(seed: lab.NextSeed())), lab.CompletedRun)), 401, 403, 201, 201, 201),
        new("GET /api/runs/{id:guid}", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/spec", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/spec", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/rounds", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/rounds", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/export.zip", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/export.zip", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/spec.json", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/spec.json", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/rounds.csv", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/rounds.csv", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/rounds.json", lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/rounds.json", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/rounds/{round:int}/arrays.npz",
            lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/rounds/1/arrays.npz", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/runs/{id:guid}/rounds/{round:int}/atlas.png",
            lab => Task.FromResult(Get($"/api/runs/{lab.CompletedRun}/rounds/1/atlas.png", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("POST /api/runs/{id:guid}/cancel", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Queued);
            return new Arranged(HttpMethod.Post, $"/api/runs/{run}/cancel", null, run);
        }, 401, 403, 403, 202, 202),
        new("POST /api/runs/{id:guid}/resume", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Cancelled);
            return new Arranged(HttpMethod.Post, $"/api/runs/{run}/resume", null, run);
        }, 401, 403, 403, 202, 202),
        new("POST /api/runs/{id:guid}/rerun",
            lab => Task.FromResult(new Arranged(HttpMethod.Post, $"/api/runs/{lab.CompletedRun}/rerun", null, lab.CompletedRun)), 401, 403, 201, 201, 201),
        new("DELETE /api/runs/{id:guid}", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Cancelled);
            return new Arranged(HttpMethod.Delete, $"/api/runs/{run}", null, run);
        }, 401, 403, 403, 204, 204),
        new("GET /api/runs/{id:guid}/shares", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Cancelled);
            return Get($"/api/runs/{run}/shares", run);
        }, 401, 403, 403, 200, 200),
        new("POST /api/runs/{id:guid}/shares", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Cancelled);
            return new Arranged(HttpMethod.Post, $"/api/runs/{run}/shares", MatrixLab.Json(new ShareLinkRequest("for review", 7)), run);
        }, 401, 403, 403, 201, 201),
        new("DELETE /api/runs/{id:guid}/shares/{linkId:guid}", async lab =>
        {
            var run = await lab.StoredRunAsync("ada", RunStatus.Cancelled);
            var link = await lab.Lab.Service<ShareLinkStore>().CreateAsync(run, "ada", new ShareLinkRequest(), CancellationToken.None);
            return new Arranged(HttpMethod.Delete, $"/api/runs/{run}/shares/{link.Link.Id}", null, run);
        }, 401, 403, 403, 204, 204),
        new("GET /api/families", lab => Task.FromResult(Get("/api/families", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("GET /api/families/{id:guid}", lab => Task.FromResult(Get($"/api/families/{lab.Family}", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("POST /api/families/controls", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/families/controls",
            MatrixLab.Json(LabFactory.Spec(seed: lab.NextSeed())), lab.CompletedRun)), 401, 403, 201, 201, 201),
        new("POST /api/families/sweep", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/families/sweep",
            MatrixLab.Json(new SweepRequest(LabFactory.Spec(seed: lab.NextSeed()), "Data.Gain", [1, 3])), lab.CompletedRun)), 401, 403, 201, 201, 201),
        new("POST /api/families/comparison", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/families/comparison",
            MatrixLab.Json(new ComparisonRequest(null, [lab.CompletedRun, lab.OtherRun])), lab.CompletedRun)), 401, 403, 201, 201, 201),
        new("GET /api/families/{id:guid}/shares", lab => Task.FromResult(Get($"/api/families/{lab.Family}/shares", lab.CompletedRun)), 401, 403, 403, 200, 200),
        new("POST /api/families/{id:guid}/shares", lab => Task.FromResult(new Arranged(HttpMethod.Post, $"/api/families/{lab.Family}/shares",
            MatrixLab.Json(new ShareLinkRequest("for review", 7)), lab.CompletedRun)), 401, 403, 403, 201, 201),
        new("DELETE /api/families/{id:guid}/shares/{linkId:guid}", async lab =>
        {
            var link = await lab.Lab.Service<ShareLinkStore>().CreateForFamilyAsync(lab.Family, "ada", new ShareLinkRequest(), CancellationToken.None);
            return new Arranged(HttpMethod.Delete, $"/api/families/{lab.Family}/shares/{link.Link.Id}", null, lab.CompletedRun);
        }, 401, 403, 403, 204, 204),
        new("GET /api/templates", lab => Task.FromResult(Get("/api/templates", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("PUT /api/templates/{name}", lab => Task.FromResult(new Arranged(HttpMethod.Put, "/api/templates/matrix",
            MatrixLab.Json(LabFactory.Spec()), lab.CompletedRun)), 401, 403, 204, 204, 204),
        new("DELETE /api/templates/{name}", async lab =>
        {
            // Every member's own template of that name: the caller deletes theirs.
            foreach (var name in new[] { "ada", "bob", "admin" })
            {
                await lab.Lab.Service<TemplateStore>().SaveAsync(name, "to-delete", LabFactory.Spec(), CancellationToken.None);
            }
            return new Arranged(HttpMethod.Delete, "/api/templates/to-delete", null, lab.CompletedRun);
        }, 401, 403, 204, 204, 204),
        // The worker API admits remote workers only (their key); no person, member or admin, gets in.
        new("GET /api/workers/hello", lab => Task.FromResult(new Arranged(HttpMethod.Get, WorkerRoutes.Hello, null, lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/runs/{id:guid}/claim", lab => Task.FromResult(new Arranged(HttpMethod.Post, WorkerRoutes.Claim(lab.CompletedRun),
            MatrixLab.Json(new RunClaimRequest("matrix (cpu)", "1.0.0+matrix")), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/runs/{id:guid}/progress", lab => Task.FromResult(new Arranged(HttpMethod.Post, WorkerRoutes.Progress(lab.CompletedRun),
            MatrixLab.Json(new RunProgressReport(Guid.NewGuid(), new TrainingProgress(0, 1, 1, 1, 0.5, 1))), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("PUT /api/workers/runs/{id:guid}/rounds/{round:int}", lab => Task.FromResult(new Arranged(HttpMethod.Put, WorkerRoutes.Round(lab.CompletedRun, 0),
            MatrixLab.Json(new RoundUpload(Guid.NewGuid(), "{}", [], [])), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/runs/{id:guid}/end", lab => Task.FromResult(new Arranged(HttpMethod.Post, WorkerRoutes.End(lab.CompletedRun),
            MatrixLab.Json(new RunEnd(Guid.NewGuid(), RunStatus.Failed, "matrix")), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/studies/{id:guid}/conditions/{condition}/claim", lab => Task.FromResult(new Arranged(HttpMethod.Post,
            WorkerRoutes.StudyClaim(Guid.NewGuid(), StudyCondition.Imp), MatrixLab.Json(new RunClaimRequest("matrix (cpu)", "1.0.0+matrix")), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/studies/{id:guid}/conditions/{condition}/progress", lab => Task.FromResult(new Arranged(HttpMethod.Post,
            WorkerRoutes.StudyProgress(Guid.NewGuid(), StudyCondition.Imp), MatrixLab.Json(new { claim = Guid.NewGuid() }), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/studies/{id:guid}/conditions/{condition}/rounds", lab => Task.FromResult(new Arranged(HttpMethod.Post,
            WorkerRoutes.StudyRound(Guid.NewGuid(), StudyCondition.Imp), MatrixLab.Json(new { replicate = 0 }), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("POST /api/workers/studies/{id:guid}/conditions/{condition}/end", lab => Task.FromResult(new Arranged(HttpMethod.Post,
            WorkerRoutes.StudyEnd(Guid.NewGuid(), StudyCondition.Imp), MatrixLab.Json(new RunEnd(Guid.NewGuid(), RunStatus.Failed, "matrix")), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("GET /api/workers/studies/{id:guid}/checkpoints/{condition}/{replicate:int}/{round:int}", lab => Task.FromResult(Get(
            WorkerRoutes.StudyCheckpoint(Guid.NewGuid(), StudyCondition.Imp, 0, 0), lab.CompletedRun)), 401, 403, 403, 403, 403),
        new("GET /api/admin/members", lab => Task.FromResult(Get("/api/admin/members", lab.CompletedRun)), 401, 403, 403, 403, 200),
        new("POST /api/admin/members", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/admin/members",
            MatrixLab.Json(new NewMemberRequest($"added{lab.NextSeed()}", LabFactory.Password, LabRoles.Member)), lab.CompletedRun)), 401, 403, 403, 403, 201),
        new("PUT /api/admin/members/{userName}/role", async lab =>
        {
            await lab.EnsureMemberAsync("carol");
            return new Arranged(HttpMethod.Put, "/api/admin/members/carol/role", MatrixLab.Json(new RoleRequest(LabRoles.Member)), lab.CompletedRun);
        }, 401, 403, 403, 403, 204),
        new("PUT /api/admin/members/{userName}/password", async lab =>
        {
            await lab.EnsureMemberAsync("carol");
            return new Arranged(HttpMethod.Put, "/api/admin/members/carol/password", MatrixLab.Json(new PasswordRequest(LabFactory.Password)), lab.CompletedRun);
        }, 401, 403, 403, 403, 204),
        new("DELETE /api/admin/members/{userName}", async lab =>
        {
            var name = $"leaver{lab.NextSeed()}";
            await lab.EnsureMemberAsync(name);
            return new Arranged(HttpMethod.Delete, $"/api/admin/members/{name}", null, lab.CompletedRun);
        }, 401, 403, 403, 403, 204),
        new("GET /api/admin/invitations", lab => Task.FromResult(Get("/api/admin/invitations", lab.CompletedRun)), 401, 403, 403, 403, 200),
        new("POST /api/admin/invitations", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/admin/invitations",
            MatrixLab.Json(new InvitationRequest(LabRoles.Member, 7)), lab.CompletedRun)), 401, 403, 403, 403, 201),
        new("DELETE /api/admin/invitations/{id:guid}", async lab =>
        {
            var invitation = await lab.Lab.Service<InvitationStore>().CreateAsync(LabRoles.Member, "admin", 7, CancellationToken.None);
            return new Arranged(HttpMethod.Delete, $"/api/admin/invitations/{invitation.Invitation.Id}", null, lab.CompletedRun);
        }, 401, 403, 403, 403, 204),
        new("GET /api/account/me", lab => Task.FromResult(Get("/api/account/me", lab.CompletedRun)), 401, 200, 200, 200, 200),
        new("GET /api/studies", lab => Task.FromResult(Get("/api/studies", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("GET /api/studies/presets", lab => Task.FromResult(Get("/api/studies/presets", lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("POST /api/studies", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/studies", MatrixLab.Json(lab.Study()), lab.CompletedRun)),
            401, 403, 201, 201, 201),
        new("POST /api/studies/estimate", lab => Task.FromResult(new Arranged(HttpMethod.Post, "/api/studies/estimate", MatrixLab.Json(lab.Study()),
            lab.CompletedRun)), 401, 403, 200, 200, 200),
        new("GET /api/studies/{id:guid}", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            return new Arranged(HttpMethod.Get, $"/api/studies/{study}", null, lab.CompletedRun, study);
        }, 401, 200, 200, 200, 200),
        new(StudyFileEndpoint, async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            return new Arranged(HttpMethod.Get, $"/api/studies/{study}/summary.csv", null, lab.CompletedRun, study);
        }, 401, 200, 200, 200, 200),
        new("GET /api/studies/{id:guid}/export.zip", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            return new Arranged(HttpMethod.Get, $"/api/studies/{study}/export.zip", null, lab.CompletedRun, study);
        }, 401, 200, 200, 200, 200),
        new("POST /api/studies/{id:guid}/cancel", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Queued);
            return new Arranged(HttpMethod.Post, $"/api/studies/{study}/cancel", null, lab.CompletedRun, study);
        }, 401, 403, 403, 202, 202),
        new("POST /api/studies/{id:guid}/resume", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Cancelled);
            return new Arranged(HttpMethod.Post, $"/api/studies/{study}/resume", null, lab.CompletedRun, study);
        }, 401, 403, 403, 202, 202),
        new("DELETE /api/studies/{id:guid}", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Cancelled);
            return new Arranged(HttpMethod.Delete, $"/api/studies/{study}", null, lab.CompletedRun, study);
        }, 401, 403, 403, 204, 204),
        new("GET /api/studies/{id:guid}/shares", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            return new Arranged(HttpMethod.Get, $"/api/studies/{study}/shares", null, lab.CompletedRun, study);
        }, 401, 403, 403, 200, 200),
        new("POST /api/studies/{id:guid}/shares", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            return new Arranged(HttpMethod.Post, $"/api/studies/{study}/shares", MatrixLab.Json(new ShareLinkRequest("for review", 7)), lab.CompletedRun, study);
        }, 401, 403, 403, 201, 201),
        new("DELETE /api/studies/{id:guid}/shares/{linkId:guid}", async lab =>
        {
            var study = await lab.StoredStudyAsync("ada", RunStatus.Completed);
            var link = await lab.Lab.Service<ShareLinkStore>().CreateForStudyAsync(study, "ada", new ShareLinkRequest(), CancellationToken.None);
            return new Arranged(HttpMethod.Delete, $"/api/studies/{study}/shares/{link.Link.Id}", null, lab.CompletedRun, study);
        }, 401, 403, 403, 204, 204),
    ];

    private const string StudyFileEndpoint = "GET /api/studies/{id:guid}" + StudyFiles.FileRoute;

    /// <summary>Endpoints outside the matrix on purpose, each covered by its own tests (AccountTests).</summary>
    private static readonly string[] CoveredElsewhere = ["POST /api/account/login", "POST /account/logout"];

    public static TheoryData<string, Caller> Cells()
    {
        var cells = new TheoryData<string, Caller>();
        foreach (var row in Rows)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cells.Add(row.Endpoint, caller);
            }
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_answers_each_caller_as_the_matrix_says(string endpoint, Caller caller)
    {
        var row = Rows.Single(r => r.Endpoint == endpoint);
        var arranged = await row.Arrange(fixture);
        var client = await fixture.ClientAsync(caller, arranged.SharedRun, arranged.SharedStudy);

        using var response = await client.SendAsync(new HttpRequestMessage(arranged.Method, arranged.Path) { Content = arranged.Body });

        Assert.True(row.Expected(caller) == (int)response.StatusCode,
            $"{endpoint} as {caller}: expected {row.Expected(caller)}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_share_token_reads_only_its_own_run_and_other_runs_look_missing()
    {
        var client = fixture.Lab.ShareClient(await fixture.ShareTokenAsync(fixture.CompletedRun));

        foreach (var path in new[] { "", "/spec", "/spec.json", "/rounds", "/rounds.csv", "/rounds.json", "/export.zip", "/rounds/0/arrays.npz", "/rounds/0/atlas.png" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{fixture.CompletedRun}{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{fixture.OtherRun}{path}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_or_malformed_share_token_is_refused_with_401()
    {
        var links = fixture.Lab.Service<ShareLinkStore>();
        var link = await links.CreateAsync(fixture.CompletedRun, "ada", new ShareLinkRequest(), CancellationToken.None);
        Assert.True(await links.RevokeAsync(fixture.CompletedRun, link.Link.Id, CancellationToken.None));

        foreach (var token in new[] { link.Token, "not-a-token", link.Token[..^1] + (link.Token[^1] == 'A' ? 'B' : 'A'), "" })
        {
            var response = await fixture.Lab.ShareClient(token).GetAsync($"/api/runs/{fixture.CompletedRun}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix()
    {
        var endpoints = fixture.Lab.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("/account", StringComparison.Ordinal)))
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null) // the account pages' forms: AccountTests
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();

        var listed = Rows.Select(r => r.Endpoint).Concat(CoveredElsewhere).ToHashSet();

        Assert.Empty(endpoints.Except(listed));
        Assert.Empty(listed.Except(endpoints));
    }
}
