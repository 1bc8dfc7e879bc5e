using Bunit;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Sharing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Components;

/// <summary>A share-link view, open in a browser, closes the moment its link is revoked or expires.</summary>
public sealed class SharedRunPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public async Task InitializeAsync()
    {
        await _lab.InitializeAsync();
        _lab.Auth.SetNotAuthorized(); // a share viewer has no account
    }

    public Task DisposeAsync() => _lab.DisposeAsync();

    private ShareLinkStore Links => _lab.Context.Services.GetRequiredService<ShareLinkStore>();

    private async Task<(NewShareLink Link, IRenderedComponent<SharedRunPage> Page)> OpenAsync(double? days = null)
    {
        var id = await _lab.RunAsync("shared", RunStatus.Completed);
        await _lab.Store.SaveRoundAsync(id, PageLab.Round(0), CancellationToken.None);
        var link = await Links.CreateAsync(id, "lab", new ShareLinkRequest(ExpiresInDays: days), CancellationToken.None);
        var page = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-status]")));
        return (link, page);
    }

    [Fact]
    public async Task The_view_shows_the_run_without_any_control()
    {
        var (_, page) = await OpenAsync();

        foreach (var control in new[] { "cancel", "rerun", "resume", "share" })
        {
            Assert.Empty(page.FindAll($"[data-testid={control}]"));
        }
        Assert.DoesNotContain("/designer?from=", page.Markup);
    }

    [Fact]
    public async Task Revoking_the_link_closes_a_view_already_open()
    {
        var (link, page) = await OpenAsync();

        Assert.True(await Links.RevokeAsync(link.Link.RunId!.Value, link.Link.Id, CancellationToken.None));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("This link was revoked", page.Find("[data-testid=closed-link]").TextContent);
            Assert.Empty(page.FindAll("[data-testid=run-status]"));
        });
        Assert.DoesNotContain("Not Found", page.Markup, StringComparison.Ordinal);
    }

    /// <summary>Issue 23: a revoked or expired link said "Not Found"; its holder is told which, and since when.</summary>
    [Fact]
    public async Task Opening_a_revoked_link_says_it_was_revoked_and_an_unknown_one_is_not_found()
    {
        var id = await _lab.RunAsync("shared", RunStatus.Completed);
        var link = await Links.CreateAsync(id, "lab", new ShareLinkRequest(), CancellationToken.None);
        Assert.True(await Links.RevokeAsync(id, link.Link.Id, CancellationToken.None));

        var revoked = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token));
        var unknown = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token[..^4] + "AAAA"));

        revoked.WaitForAssertion(() => Assert.Matches(@"This link was revoked\s*Whoever shared it withdrew it on \d{4}-\d\d-\d\d \d\d:\d\d UTC",
            revoked.Find("[data-testid=closed-link]").TextContent));
        Assert.Empty(revoked.FindAll("[data-testid=run-status]"));
        unknown.WaitForAssertion(() => Assert.Contains("Not Found", unknown.Markup, StringComparison.Ordinal));
        Assert.Empty(unknown.FindAll("[data-testid=closed-link]"));
    }

    [Fact]
    public async Task Revoking_another_link_of_the_same_run_leaves_the_view_open()
    {
        var (link, page) = await OpenAsync();
        var other = await Links.CreateAsync(link.Link.RunId!.Value, "lab", new ShareLinkRequest(), CancellationToken.None);

        Assert.True(await Links.RevokeAsync(link.Link.RunId!.Value, other.Link.Id, CancellationToken.None));
        await Task.Delay(200);

        Assert.NotEmpty(page.FindAll("[data-testid=run-status]"));
    }

    [Fact]
    public async Task A_link_that_lasts_years_opens_its_view()
    {
        var (_, page) = await OpenAsync(days: 3650);

        Assert.NotEmpty(page.FindAll("[data-testid=run-status]"));
        Assert.DoesNotContain("Not Found", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_closes_when_its_link_expires()
    {
        var (_, page) = await OpenAsync(days: 2.0 / 86_400); // two seconds

        Assert.NotEmpty(page.FindAll("[data-testid=run-status]"));
        page.WaitForAssertion(() => Assert.Contains("This link has expired", page.Find("[data-testid=closed-link]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_study_link_shows_the_study_read_only_and_opens_its_replicates_but_no_other_run()
    {
        var study = await _lab.Studies.CreateAsync(new LocalityLab.Shared.Studies.StudySpec
        {
            Name = "shared study",
            Replicates = 1,
            Conditions = [LocalityLab.Shared.Studies.StudyCondition.Imp],
            Base = PageLab.Spec("base"),
        }, "lab", CancellationToken.None);
        var replicate = (await _lab.Studies.ReplicatesAsync(study.Id, CancellationToken.None)).Single().RunId;
        var outsider = await _lab.RunAsync("not shared", RunStatus.Completed);
        var link = await Links.CreateForStudyAsync(study.Id, "lab", new ShareLinkRequest(), CancellationToken.None);

        var page = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token));
        page.WaitForAssertion(() => Assert.Equal("shared study", page.Find("[data-testid=study-name]").TextContent));
        foreach (var control in new[] { "study-cancel", "study-resume", "study-delete", "study-share" })
        {
            Assert.Empty(page.FindAll($"[data-testid={control}]"));
        }
        Assert.Equal($"/s/{link.Token}/runs/{replicate}", page.Find("[data-testid=replicate-link]").GetAttribute("href"));
        Assert.Equal($"/s/{link.Token}/study/study.json", page.Find("[data-testid=download-study]").GetAttribute("href"));

        var run = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token).Add(c => c.RunId, replicate));
        run.WaitForAssertion(() => Assert.NotEmpty(run.FindAll("[data-testid=run-status]")));
        Assert.Empty(run.FindAll("[data-testid=cancel]"));
        Assert.Equal($"/s/{link.Token}", run.Find("[data-testid=run-study]").GetAttribute("href"));

        var other = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token).Add(c => c.RunId, outsider));
        other.WaitForAssertion(() => Assert.Contains("Not Found", other.Markup));
        Assert.Empty(other.FindAll("[data-testid=run-status]"));
    }

    [Fact]
    public async Task A_family_link_shows_the_family_read_only_its_runs_opened_through_the_link()
    {
        var first = await _lab.RunAsync("first", RunStatus.Completed, seed: 31);
        var second = await _lab.RunAsync("second", RunStatus.Completed, seed: 32);
        var outsider = await _lab.RunAsync("not shared", RunStatus.Completed);
        foreach (var id in new[] { first, second })
        {
            await _lab.Store.SaveRoundAsync(id, PageLab.Round(0), CancellationToken.None);
        }
        var family = await _lab.Families.CreateAsync(FamilyKind.Comparison, "two seeds", null, "lab", [(first, "first", null), (second, "second", null)],
            CancellationToken.None);
        var link = await Links.CreateForFamilyAsync(family, "lab", new ShareLinkRequest(), CancellationToken.None);

        var page = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token));

        page.WaitForAssertion(() => Assert.Equal("two seeds", page.Find("[data-testid=family-name]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=family-share]"));
        Assert.Equal([$"/s/{link.Token}/runs/{first}", $"/s/{link.Token}/runs/{second}"],
            page.FindAll("[data-testid=compared-run-link]").Select(a => a.GetAttribute("href")));
        // A saved comparison names its runs by what differs, and says what that is.
        Assert.Contains("seed", page.Find("[data-testid=spec-differences]").TextContent, StringComparison.Ordinal);

        var run = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token).Add(c => c.RunId, second));
        run.WaitForAssertion(() => Assert.NotEmpty(run.FindAll("[data-testid=run-status]")));
        var other = _lab.Context.Render<SharedRunPage>(p => p.Add(c => c.Token, link.Token).Add(c => c.RunId, outsider));
        other.WaitForAssertion(() => Assert.Contains("Not Found", other.Markup));
    }
}
