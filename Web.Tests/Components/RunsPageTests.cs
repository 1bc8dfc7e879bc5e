using Bunit;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using MudBlazor;

namespace LocalityLab.Web.Tests.Components;

public sealed class RunsPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private string[] Names(IRenderedComponent<RunsPage> page) => [.. page.FindAll("[data-testid=run-name]").Select(e => e.TextContent.Trim()).Order()];

    /// <summary>Issue 23: the list's cancel button stopped a run at one click; it asks first.</summary>
    [Fact]
    public async Task Cancelling_from_the_list_asks_first()
    {
        var dialogs = _lab.Context.Render<MudBlazor.MudDialogProvider>();
        var id = await _lab.RunAsync("to cancel", RunStatus.Queued);
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Contains("to cancel", Names(page)));

        page.Find("button[aria-label=Cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Stop to cancel after its current step?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep running").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(RunStatus.Queued, (await _lab.Store.FindAsync(id, CancellationToken.None))!.Status);

        page.Find("button[aria-label=Cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Cancel run"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel run").Click();

        page.WaitForAssertion(() => Assert.Contains("Cancelling to cancel.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(RunStatus.Cancelled, (await _lab.Store.FindAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Search_shows_only_runs_whose_name_contains_the_text_in_any_case()
    {
        await _lab.RunAsync("gain sweep", seed: 1);
        await _lab.RunAsync("Gaussian clone", seed: 2);
        await _lab.RunAsync("dense baseline", seed: 3);
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Names(page).Length));

        page.Find("input[data-testid=run-search], [data-testid=run-search] input").Input("GA");

        page.WaitForAssertion(() => Assert.Equal(["gain sweep", "Gaussian clone"], Names(page)));
    }

    [Fact]
    public async Task Runs_of_one_name_are_told_apart_by_their_seed()
    {
        await _lab.RunAsync("Quick demo", RunStatus.Completed, seed: 11);
        await _lab.RunAsync("Quick demo", RunStatus.Completed, seed: 12);

        var page = _lab.Context.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal(["11", "12"], page.FindAll("[data-testid=run-seed]").Select(e => e.TextContent.Trim()).Order()));
    }

    [Fact]
    public async Task Each_run_says_which_worker_computed_it()
    {
        var claimed = await _lab.RunAsync("on the gpu", RunStatus.Queued, seed: 21);
        await _lab.RunAsync("still queued", RunStatus.Queued, seed: 22);
        Assert.Equal(claimed, await _lab.Store.ClaimNextAsync("lab-gpu-2 (cuda)", CancellationToken.None));

        var page = _lab.Context.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal("on lab-gpu-2 (cuda)", Assert.Single(page.FindAll("[data-testid=run-worker]")).TextContent.Trim()));
    }

    [Fact]
    public async Task Status_filter_shows_only_runs_in_that_status()
    {
        await _lab.RunAsync("queued one", RunStatus.Queued, seed: 1);
        await _lab.RunAsync("finished one", RunStatus.Completed, seed: 2);
        await _lab.RunAsync("failed one", RunStatus.Failed, seed: 3);
        _lab.Context.Render<MudPopoverProvider>();
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Names(page).Length));

        var select = page.FindComponent<MudSelect<RunStatus?>>();
        await page.InvokeAsync(() => select.Instance.SelectOption(RunStatus.Completed));

        page.WaitForAssertion(() => Assert.Equal(["finished one"], Names(page)));
    }

    [Fact]
    public async Task A_running_run_shows_its_live_progress()
    {
        var id = await _lab.RunAsync("training", RunStatus.Running);
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        await _lab.Events.ProgressAsync(id, new TrainingProgress(0, 4, 30, 120, 0.4, 60));

        page.WaitForAssertion(() => Assert.Contains("step 30 of 120", page.Find("[data-testid=run-progress]").TextContent));
    }

    [Fact]
    public async Task The_page_shows_the_newest_50_and_more_on_request()
    {
        for (int i = 0; i < RunListQuery.DefaultLimit + 3; i++)
        {
            await _lab.RunAsync($"run {i:D3}", RunStatus.Completed, seed: i);
        }
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(RunListQuery.DefaultLimit, Names(page).Length));
        Assert.DoesNotContain("run 000", Names(page));
        Assert.Contains("run 052", Names(page));

        page.Find("[data-testid=more-runs]").Click();

        page.WaitForAssertion(() => Assert.Equal(RunListQuery.DefaultLimit + 3, Names(page).Length));
        Assert.Contains("run 000", Names(page));
        Assert.Empty(page.FindAll("[data-testid=more-runs]"));
    }

    [Fact]
    public async Task A_search_finds_an_old_run_beyond_the_first_page()
    {
        await _lab.RunAsync("the old gain run", RunStatus.Completed, seed: 999);
        for (int i = 0; i < RunListQuery.DefaultLimit; i++)
        {
            await _lab.RunAsync($"run {i:D3}", RunStatus.Completed, seed: i);
        }
        var page = _lab.Context.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.DoesNotContain("the old gain run", Names(page)));

        page.Find("input[data-testid=run-search], [data-testid=run-search] input").Input("GAIN");

        page.WaitForAssertion(() => Assert.Equal(["the old gain run"], Names(page)));
    }
}
