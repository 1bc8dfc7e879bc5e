using Bunit;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Components.Pages;
using LocalityLab.Web.Components.Runs;
using MudBlazor;

namespace LocalityLab.Web.Tests.Components;

public sealed class RunsPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private string[] Names(IRenderedComponent<RunsPage> page) => [.. page.FindAll("[data-testid=run-name]").Select(e => e.TextContent.Trim()).Order()];

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
    public void Filter_combines_status_and_name()
    {
        RunInfo Run(string name, RunStatus status) => new(Guid.NewGuid(), name, "lab", status, "", DateTimeOffset.UnixEpoch, null, null, null, 0, 4, null, null, null, "");
        var runs = new[] { Run("a gain", RunStatus.Completed), Run("b gain", RunStatus.Failed), Run("c", RunStatus.Completed) };

        var shown = RunFilter.Apply(runs, RunStatus.Completed, " GAIN ").Select(r => r.Name);

        Assert.Equal(["a gain"], shown);
    }
}
