using Bunit;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Components.Pages;
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

        Assert.True(await Links.RevokeAsync(link.Link.RunId, link.Link.Id, CancellationToken.None));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Not Found", page.Markup);
            Assert.Empty(page.FindAll("[data-testid=run-status]"));
        });
    }

    [Fact]
    public async Task Revoking_another_link_of_the_same_run_leaves_the_view_open()
    {
        var (link, page) = await OpenAsync();
        var other = await Links.CreateAsync(link.Link.RunId, "lab", new ShareLinkRequest(), CancellationToken.None);

        Assert.True(await Links.RevokeAsync(link.Link.RunId, other.Link.Id, CancellationToken.None));
        await Task.Delay(200);

        Assert.NotEmpty(page.FindAll("[data-testid=run-status]"));
    }

    [Fact]
    public async Task A_view_closes_when_its_link_expires()
    {
        var (_, page) = await OpenAsync(days: 2.0 / 86_400); // two seconds

        Assert.NotEmpty(page.FindAll("[data-testid=run-status]"));
        page.WaitForAssertion(() => Assert.Contains("Not Found", page.Markup), TimeSpan.FromSeconds(10));
    }
}
