using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Tests.Runs;
using Microsoft.Playwright;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>Deleting from the runs list: only on one's own finished runs, after a confirmation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunsListBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_owner_deletes_a_finished_run_after_confirming_and_cannot_delete_others()
    {
        await browser.RunsAsync(); // the lab is up and has its runs
        var store = browser.Lab.Service<RunStore>();
        var mine = await store.CreateAsync(LabFactory.Spec(seed: 901) with { Name = "mine to delete" }, "ada", CancellationToken.None);
        await store.TransitionAsync(mine.Id, [RunStatus.Queued], RunStatus.Cancelled, null, CancellationToken.None);
        var theirs = await store.CreateAsync(LabFactory.Spec(seed: 902) with { Name = "bob's to keep" }, "bob", CancellationToken.None);
        await store.TransitionAsync(theirs.Id, [RunStatus.Queued], RunStatus.Cancelled, null, CancellationToken.None);
        var page = await browser.NewPageAsync(1440, 900, userName: "ada");
        try
        {
            await LayoutCheck.OpenAsync(page, "/runs");
            var myRow = page.Locator("tr", new() { HasText = "mine to delete" });
            var theirRow = page.Locator("tr", new() { HasText = "bob's to keep" });
            await Assertions.Expect(theirRow.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);

            await myRow.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
            await Assertions.Expect(myRow).ToHaveCountAsync(1);

            await myRow.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

            await Assertions.Expect(myRow).ToHaveCountAsync(0);
            Assert.Null(await store.FindAsync(mine.Id, CancellationToken.None));
            Assert.NotNull(await store.FindAsync(theirs.Id, CancellationToken.None));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
