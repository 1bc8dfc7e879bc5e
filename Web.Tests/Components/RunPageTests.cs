using Bunit;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Components.Pages;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class RunPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private async Task<(Guid Id, IRenderedComponent<RunPage> Page)> RenderWithRoundsAsync(int stored, RunStatus status = RunStatus.Running)
    {
        var id = await _lab.RunAsync("live", status, rounds: 4);
        for (var r = 0; r < stored; r++)
        {
            await _lab.Store.SaveRoundAsync(id, PageLab.Round(r), CancellationToken.None);
        }
        var page = _lab.Context.Render<RunPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-status]")));
        return (id, page);
    }

    [Fact]
    public async Task Round_scrubber_changes_the_shown_round()
    {
        var (_, page) = await RenderWithRoundsAsync(3);
        Assert.Equal("Round 2 of 2", page.Find("[data-testid=shown-round]").TextContent);

        page.Find("input[type=range]").Input("0");

        page.WaitForAssertion(() => Assert.Equal("Round 0 of 2", page.Find("[data-testid=shown-round]").TextContent));
        Assert.Contains("sparsity 0.0%", page.Find("[data-testid=round-summary]").TextContent);
    }

    [Fact]
    public async Task A_round_completed_event_through_RunEvents_adds_the_round_without_a_reload()
    {
        var (id, page) = await RenderWithRoundsAsync(1);
        Assert.Equal("Round 0 of 0", page.Find("[data-testid=shown-round]").TextContent);

        var round = PageLab.Round(1);
        await _lab.Store.SaveRoundAsync(id, round, CancellationToken.None);
        await _lab.Events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(id, round));

        page.WaitForAssertion(() => Assert.Equal("Round 1 of 1", page.Find("[data-testid=shown-round]").TextContent));
        Assert.Equal(5, page.FindComponents<LocalityLab.Web.Components.Charts.LineChart>().Count);
        Assert.Equal(2, page.FindComponents<LocalityLab.Web.Components.Charts.LineChart>()[0].Instance.Series[0].Y.Count);
    }

    [Fact]
    public async Task Progress_and_status_events_change_the_status_and_progress_text()
    {
        var (id, page) = await RenderWithRoundsAsync(1);

        await _lab.Events.ProgressAsync(id, new TrainingProgress(1, 4, 50, 200, 0.3, 100));
        page.WaitForAssertion(() => Assert.Contains("step 50 of 200", page.Find("[data-testid=run-progress]").TextContent));
        // 150 steps left in round 1, then 2 rounds of 200, at 100 steps/s: 5.5 s.
        Assert.Contains("ETA 5 s", page.Find("[data-testid=run-progress]").TextContent);

        await _lab.Store.TransitionAsync(id, [RunStatus.Running], RunStatus.Completed, null, CancellationToken.None);
        await _lab.Events.StatusChangedAsync((await _lab.Store.InfoAsync(id, CancellationToken.None))!);
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=run-status]").TextContent.Trim()));
        Assert.DoesNotContain("step 50", page.Find("[data-testid=run-progress]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=rerun]"));
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task Closing_the_page_stops_listening_to_the_run()
    {
        var (id, page) = await RenderWithRoundsAsync(1);
        var before = page.Find("[data-testid=run-progress]").TextContent;

        await page.Instance.DisposeAsync();
        await _lab.Events.ProgressAsync(id, new TrainingProgress(1, 4, 77, 200, 0.3, 100));

        Assert.Equal(before, page.Find("[data-testid=run-progress]").TextContent);
    }
}
