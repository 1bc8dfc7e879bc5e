using System.Net;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Studies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LocalityLab.Web.Tests.Security;

/// <summary>A study's share link opens the study and each of its replicate runs, read-only, and nothing else.</summary>
public sealed class StudyShareLinkTests(MatrixLab fixture) : IClassFixture<MatrixLab>
{
    [Fact]
    public async Task A_study_link_reads_the_study_its_files_and_its_replicates_and_no_other_run_or_study()
    {
        var study = await fixture.StoredStudyAsync("ada", RunStatus.Completed);
        var other = await fixture.StoredStudyAsync("ada", RunStatus.Completed);
        var replicate = (await fixture.Lab.Service<StudyStore>().ReplicatesAsync(study, CancellationToken.None)).Single().RunId;
        await fixture.Lab.Service<RunStore>().SaveRoundAsync(replicate, (await fixture.Lab.Service<RunStore>().RoundAsync(fixture.CompletedRun, 0, CancellationToken.None))!,
            CancellationToken.None);
        var link = await fixture.Lab.Service<ShareLinkStore>().CreateForStudyAsync(study, "ada", new ShareLinkRequest(), CancellationToken.None);
        var client = fixture.Lab.ShareClient(link.Token);
        var anonymous = fixture.Lab.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/studies/{study}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/studies/{study}/summary.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{replicate}/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/studies/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{fixture.CompletedRun}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/studies/{study}/resume", null)).StatusCode);

        // The page's own downloads, without a session: the study's files and its replicates' round files only.
        Assert.StartsWith("kind,condition", await anonymous.GetStringAsync($"/s/{link.Token}/study/summary.csv"), StringComparison.Ordinal);
        Assert.StartsWith("condition,replicate,seed,run,round", await anonymous.GetStringAsync($"/s/{link.Token}/study/replicates.csv"), StringComparison.Ordinal);
        var export = await anonymous.GetAsync($"/s/{link.Token}/study/export.zip");
        Assert.Equal((HttpStatusCode.OK, "application/zip"), (export.StatusCode, export.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/s/{link.Token}/runs/{replicate}/rounds/0/arrays.npz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{link.Token}/runs/{fixture.CompletedRun}/rounds/0/arrays.npz")).StatusCode);
        var runLink = await fixture.ShareTokenAsync(fixture.CompletedRun);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{runLink}/study/summary.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{runLink}/study/export.zip")).StatusCode);

        // Live over SignalR too: its study, and no other.
        await using var hub = fixture.Lab.Hub(client);
        await hub.StartAsync();
        var snapshot = await hub.InvokeAsync<StudySnapshot>("SubscribeStudy", study);
        Assert.Equal((study, replicate), (snapshot.Study.Id, snapshot.Runs.Single().RunId));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<StudySnapshot>("SubscribeStudy", other));
        Assert.Contains("There is no study", refused.Message, StringComparison.Ordinal);

        // Revoked, it opens nothing.
        Assert.True(await fixture.Lab.Service<ShareLinkStore>().RevokeAsync(study, link.Link.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/studies/{study}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{link.Token}/study/summary.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{link.Token}/study/export.zip")).StatusCode);
    }
}
