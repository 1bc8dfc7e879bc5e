using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Tests.Runs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Share links: the read-only page without sign-in, revoke and expiry, and how tokens are made and kept.</summary>
public sealed class ShareLinkTests(MatrixLab fixture) : IClassFixture<MatrixLab>
{
    private async Task<NewShareLink> CreateAsync(ShareLinkRequest request)
    {
        var owner = await fixture.ClientAsync(Caller.Owner, fixture.CompletedRun);
        var response = await owner.PostAsJsonAsync($"/api/runs/{fixture.CompletedRun}/shares", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NewShareLink>())!;
    }

    private HttpClient Anonymous() => fixture.Lab.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

    [Fact]
    public async Task The_share_page_shows_the_run_read_only_without_signing_in()
    {
        var link = await CreateAsync(new ShareLinkRequest("for the paper"));

        var response = await Anonymous().GetAsync(link.Path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("read-only link", html);
        Assert.Contains("data-testid=\"run-status\"", html);
        Assert.Contains("Completed", html);
        foreach (var control in new[] { "data-testid=\"cancel\"", "data-testid=\"rerun\"", "data-testid=\"resume\"", "data-testid=\"share\"", "/designer?from=", "Toggle navigation" })
        {
            Assert.DoesNotContain(control, html);
        }
    }

    [Fact]
    public async Task The_share_page_links_its_round_files_through_the_token_and_they_close_with_it()
    {
        var link = await CreateAsync(new ShareLinkRequest());
        var html = await Anonymous().GetStringAsync(link.Path);
        Assert.Contains($"href=\"/s/{link.Token}/runs/{fixture.CompletedRun}/rounds/", html);

        var arrays = await Anonymous().GetAsync($"/s/{link.Token}/runs/{fixture.CompletedRun}/rounds/1/arrays.npz");
        var older = await Anonymous().GetAsync($"/s/{link.Token}/rounds/1/arrays.npz"); // the address pages gave before studies
        var atlas = await Anonymous().GetAsync($"/s/{link.Token}/rounds/1/atlas.png");
        var member = await (await fixture.ClientAsync(Caller.Member, fixture.CompletedRun)).GetByteArrayAsync($"/api/runs/{fixture.CompletedRun}/rounds/1/arrays.npz");

        Assert.Equal(HttpStatusCode.OK, arrays.StatusCode);
        Assert.Equal(member, await arrays.Content.ReadAsByteArrayAsync()); // the same file a member downloads
        Assert.Equal(member, await older.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", atlas.Content.Headers.ContentType!.MediaType);
        Assert.True(await fixture.Lab.Service<ShareLinkStore>().RevokeAsync(fixture.CompletedRun, link.Link.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/s/{link.Token}/rounds/1/arrays.npz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/s/{link.Token}/runs/{fixture.CompletedRun}/rounds/1/arrays.npz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/s/not-a-token/rounds/1/atlas.png")).StatusCode);
    }

    [Fact]
    public async Task The_share_page_offers_the_spec_and_every_round_s_measures_through_the_token_as_members_get_them()
    {
        var link = await CreateAsync(new ShareLinkRequest());
        var html = await Anonymous().GetStringAsync(link.Path);
        var member = await fixture.ClientAsync(Caller.Member, fixture.CompletedRun);

        foreach (var file in new[] { "spec.json", "rounds.csv", "rounds.json", "export.zip" })
        {
            Assert.Contains($"href=\"/s/{link.Token}/runs/{fixture.CompletedRun}/{file}\"", html);
            var shared = await Anonymous().GetAsync($"/s/{link.Token}/runs/{fixture.CompletedRun}/{file}");
            Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
            Assert.Equal(await member.GetByteArrayAsync($"/api/runs/{fixture.CompletedRun}/{file}"), await shared.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/s/{link.Token}/runs/{fixture.OtherRun}/{file}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_link_answers_gone_and_says_it_was_revoked()
    {
        var link = await CreateAsync(new ShareLinkRequest());
        var owner = await fixture.ClientAsync(Caller.Owner, fixture.CompletedRun);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync(link.Path)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/runs/{fixture.CompletedRun}/shares/{link.Link.Id}")).StatusCode);
        var response = await Anonymous().GetAsync(link.Path);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("This link was revoked", html);
        Assert.DoesNotContain("Not Found", html);
        Assert.DoesNotContain("run-status", html);
        // No member menu for someone without an account (issue 11, defect 9).
        Assert.DoesNotContain("Toggle navigation", html);
        Assert.DoesNotContain("href=\"designer\"", html);
        Assert.DoesNotContain("href=\"/designer\"", html);
        var links = await owner.GetFromJsonAsync<List<ShareLinkInfo>>($"/api/runs/{fixture.CompletedRun}/shares");
        Assert.NotNull(links!.Single(l => l.Id == link.Link.Id).RevokedAt);
    }

    [Fact]
    public async Task An_expired_link_answers_gone_and_says_it_has_expired()
    {
        var link = await CreateAsync(new ShareLinkRequest(ExpiresInDays: 1.0 / 86_400)); // one second
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var response = await Anonymous().GetAsync(link.Path);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link has expired", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Lab.ShareClient(link.Token).GetAsync($"/api/runs/{fixture.CompletedRun}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_carry_256_random_bits_and_only_their_hash_is_stored()
    {
        var tokens = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            tokens.Add((await CreateAsync(new ShareLinkRequest())).Token);
        }

        await using var db = await fixture.Lab.Service<IDbContextFactory<LabDbContext>>().CreateDbContextAsync();
        var stored = await db.ShareLinks.Select(l => l.TokenHash).ToListAsync();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(32, Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "=").Length));
        Assert.All(tokens, t =>
        {
            Assert.DoesNotContain(t, stored);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t))), stored);
        });
    }

    [Fact]
    public async Task A_link_request_out_of_range_gets_400_naming_the_field()
    {
        var owner = await fixture.ClientAsync(Caller.Owner, fixture.CompletedRun);

        var response = await owner.PostAsJsonAsync($"/api/runs/{fixture.CompletedRun}/shares", new ShareLinkRequest(ExpiresInDays: -3));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ExpiresInDays must be in (0, 3650]", await response.Content.ReadAsStringAsync());
        Assert.Equal(RunStatus.Completed, (await new RunsApi(owner).RunAsync(fixture.CompletedRun)).Status);
    }

    [Fact]
    public async Task Revoking_a_link_ends_the_live_connections_opened_with_it_and_leaves_others_streaming()
    {
        var link = await CreateAsync(new ShareLinkRequest("live"));
        var other = await CreateAsync(new ShareLinkRequest("other"));
        await using var revoked = fixture.Lab.Hub(fixture.Lab.ShareClient(link.Token));
        await using var kept = fixture.Lab.Hub(fixture.Lab.ShareClient(other.Token));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        revoked.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await revoked.StartAsync();
        await kept.StartAsync();
        await revoked.InvokeAsync<RunSnapshot>("Subscribe", fixture.CompletedRun);
        await kept.InvokeAsync<RunSnapshot>("Subscribe", fixture.CompletedRun);

        Assert.True(await fixture.Lab.Service<ShareLinkStore>().RevokeAsync(fixture.CompletedRun, link.Link.Id, CancellationToken.None));

        // The server aborts the connection: it is closed (what the client signals), not merely refused on its next call.
        await closed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HubConnectionState.Disconnected, revoked.State);
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => revoked.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(fixture.CompletedRun, (await kept.InvokeAsync<RunSnapshot>("Subscribe", fixture.CompletedRun)).Run.Id);
    }

    [Fact]
    public async Task A_live_connection_ends_when_its_link_expires()
    {
        var link = await CreateAsync(new ShareLinkRequest("brief", 3.0 / 86_400)); // three seconds
        await using var hub = fixture.Lab.Hub(fixture.Lab.ShareClient(link.Token));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync<RunSnapshot>("Subscribe", fixture.CompletedRun);

        await closed.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }
}
