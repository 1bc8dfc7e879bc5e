using System.Net;
using System.Net.Http.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Families;

namespace LocalityLab.Web.Tests.Security;

/// <summary>
/// A family's share link (controls, sweep, or a comparison saved from the compare page) opens the family's runs
/// read-only and nothing else; only someone who may share every member run creates one.
/// </summary>
public sealed class FamilyShareLinkTests(MatrixLab fixture) : IClassFixture<MatrixLab>
{
    private async Task<HttpClient> As(Caller caller) => await fixture.ClientAsync(caller, fixture.CompletedRun);

    [Fact]
    public async Task A_family_link_opens_its_member_runs_and_no_other_until_it_is_revoked()
    {
        var member = await fixture.StoredRunAsync("ada", RunStatus.Completed);
        var outsider = await fixture.StoredRunAsync("ada", RunStatus.Completed);
        var family = await fixture.Lab.Service<FamilyStore>().CreateAsync(FamilyKind.Sweep, "gain sweep", "Data.Gain", "ada",
            [(fixture.CompletedRun, "Data.Gain = 3", 3), (member, "Data.Gain = 5", 5)], CancellationToken.None);

        var refused = await (await As(Caller.Member)).PostAsync($"/api/families/{family}/shares", MatrixLab.Json(new ShareLinkRequest()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("owner or an admin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var created = await (await As(Caller.Owner)).PostAsync($"/api/families/{family}/shares", MatrixLab.Json(new ShareLinkRequest("review")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<NewShareLink>(SpecJson.Options))!;
        Assert.Equal(family, link.Link.FamilyId);

        var viewer = fixture.Lab.ShareClient(link.Token);
        var anonymous = fixture.Lab.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        foreach (var run in new[] { fixture.CompletedRun, member })
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/runs/{run}/rounds")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/s/{link.Token}/runs/{run}/spec.json")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/runs/{outsider}/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{link.Token}/runs/{outsider}/spec.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/families/{family}/shares", MatrixLab.Json(new ShareLinkRequest()))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await (await As(Caller.Owner)).DeleteAsync($"/api/families/{family}/shares/{link.Link.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync($"/api/runs/{member}/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{link.Token}/runs/{member}/spec.json")).StatusCode);
    }

    [Fact]
    public async Task A_saved_comparison_keeps_its_runs_in_order_and_only_who_may_share_each_run_shares_it()
    {
        var bobs = await fixture.StoredRunAsync("bob", RunStatus.Completed);
        var bob = await As(Caller.Member);

        var saved = await bob.PostAsync("/api/families/comparison", MatrixLab.Json(new ComparisonRequest(null, [bobs, fixture.CompletedRun])));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var family = (await saved.Content.ReadFromJsonAsync<FamilyInfo>(SpecJson.Options))!;
        Assert.Equal((FamilyKind.Comparison, "Comparison of 2 runs", "bob"), (family.Kind, family.Name, family.Owner));
        Assert.Equal([bobs, fixture.CompletedRun], family.Members.Select(m => m.Run.Id));

        // ada's run is in it: bob may not open it to outsiders; an admin may.
        var refused = await bob.PostAsync($"/api/families/{family.Id}/shares", MatrixLab.Json(new ShareLinkRequest()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("belongs to ada", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await (await As(Caller.Admin)).PostAsync($"/api/families/{family.Id}/shares", MatrixLab.Json(new ShareLinkRequest()))).StatusCode);

        var own = await fixture.StoredRunAsync("bob", RunStatus.Completed);
        var mine = (await (await bob.PostAsync("/api/families/comparison", MatrixLab.Json(new ComparisonRequest("mine", [bobs, own])))).Content
            .ReadFromJsonAsync<FamilyInfo>(SpecJson.Options))!;
        Assert.Equal(HttpStatusCode.Created, (await bob.PostAsync($"/api/families/{mine.Id}/shares", MatrixLab.Json(new ShareLinkRequest()))).StatusCode);
    }

    [Theory]
    [InlineData(1, false, "2 to 12 different run ids; got 1")]
    [InlineData(13, false, "2 to 12 different run ids; got 13")]
    [InlineData(2, true, "there is no run")]
    public async Task A_comparison_of_too_few_too_many_or_unknown_runs_is_refused_naming_the_field(int count, bool unknown, string message)
    {
        var runs = Enumerable.Repeat(0, count).Select(_ => Guid.NewGuid()).ToList();
        if (!unknown)
        {
            for (int i = 0; i < count; i++)
            {
                runs[i] = await fixture.StoredRunAsync("bob", RunStatus.Completed);
            }
        }
        var response = await (await As(Caller.Member)).PostAsync("/api/families/comparison", MatrixLab.Json(new ComparisonRequest(null, runs)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Runs", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }
}
