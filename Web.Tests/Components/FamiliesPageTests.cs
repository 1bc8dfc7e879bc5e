using Bunit;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Families;

namespace LocalityLab.Web.Tests.Components;

public sealed class FamiliesPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task Each_family_shows_its_name_kind_member_count_and_statuses_and_opens_its_page()
    {
        var done = await _lab.RunAsync("gain 1", RunStatus.Completed, seed: 1);
        var alsoDone = await _lab.RunAsync("gain 3", RunStatus.Completed, seed: 3);
        var queued = await _lab.RunAsync("gain 5", RunStatus.Queued, seed: 5);
        var sweep = await _lab.Families.CreateAsync(FamilyKind.Sweep, "gain sweep", "Data.Gain", "lab",
            [(done, "Data.Gain = 1", 1), (alsoDone, "Data.Gain = 3", 3), (queued, "Data.Gain = 5", 5)], CancellationToken.None);
        var controls = await _lab.Families.CreateAsync(FamilyKind.Controls, "demo: controls", null, "lab",
            [(await _lab.RunAsync("nlgp", RunStatus.Failed, seed: 7), "NLGP", null)], CancellationToken.None);

        var page = _lab.Context.Render<FamiliesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=family-name]").Count));
        var rows = page.FindAll("[data-testid=families-table] tbody tr");
        // Newest first.
        Assert.Equal(["demo: controls", "gain sweep"], page.FindAll("[data-testid=family-name]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["controls", "sweep of Data.Gain"], page.FindAll("[data-testid=family-kind]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["1", "3"], page.FindAll("[data-testid=family-count]").Select(e => e.TextContent.Trim()));
        var statuses = page.FindAll("[data-testid=family-statuses]")
            .Select(cell => string.Join(", ", cell.QuerySelectorAll(".mud-chip").Select(chip => chip.TextContent.Trim())));
        Assert.Equal(["1 Failed", "1 Queued, 2 Completed"], statuses);
        Assert.Equal([$"/families/{controls}", $"/families/{sweep}"], page.FindAll("[data-testid=family-name] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void No_family_yet_says_how_to_make_one()
    {
        var page = _lab.Context.Render<FamiliesPage>();

        page.WaitForAssertion(() => Assert.Contains("No families yet", page.Markup, StringComparison.Ordinal));
        // Saved comparisons are families too, and the page says where they come from (issue 23).
        Assert.Contains("Compare page saves a comparison", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Save and share", page.Find("[data-testid=families-intro]").TextContent, StringComparison.Ordinal);
    }
}
