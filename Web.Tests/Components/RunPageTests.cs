using Bunit;
using Bunit.TestDoubles;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task A_run_whose_latent_kernel_is_clipped_says_so_for_that_class_only()
    {
        // On a 10 x 10 torus the Gaussian kernel with xi = 5 has an eigenvalue of -1.6; xi = 1 and 2 are valid there.
        var clipped = PageLab.Spec("clipped") with { Data = PageLab.Spec("clipped").Data with { Size = 10, CorrelationLengths = [1, 5] } };
        var valid = PageLab.Spec("valid") with { Data = PageLab.Spec("valid").Data with { Size = 10, CorrelationLengths = [1, 2] } };
        var clippedRun = await _lab.Store.CreateAsync(clipped, "lab", CancellationToken.None);
        var validRun = await _lab.Store.CreateAsync(valid, "lab", CancellationToken.None);

        var clippedPage = _lab.Context.Render<RunPage>(p => p.Add(c => c.Id, clippedRun.Id));
        var validPage = _lab.Context.Render<RunPage>(p => p.Add(c => c.Id, validRun.Id));

        clippedPage.WaitForAssertion(() => Assert.Contains("Class 1's latent kernel is not a valid covariance on this periodic lattice (an eigenvalue of -1.6)",
            clippedPage.Find("[data-testid=kernel-clipping-1]").TextContent));
        Assert.Empty(clippedPage.FindAll("[data-testid=kernel-clipping-0]"));
        validPage.WaitForAssertion(() => Assert.NotEmpty(validPage.FindAll("[data-testid=run-status]")));
        Assert.Empty(validPage.FindAll("[data-testid^=kernel-clipping]"));
    }

    [Fact]
    public async Task Every_chart_names_what_its_axes_measure()
    {
        var (_, page) = await RenderWithRoundsAsync(3);

        var charts = page.FindComponents<Plotly.Blazor.PlotlyChart>();

        Assert.Equal(5, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.StartsWith("IMP round", chart.Instance.Layout.XAxis[0].Title.Text);
            Assert.False(string.IsNullOrWhiteSpace(chart.Instance.Layout.YAxis[0].Title.Text));
        });
        Assert.Contains(charts, c => c.Instance.Layout.YAxis[0].Title.Text.Contains("excess kurtosis κ − 3 of h", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Round_scrubber_changes_the_shown_round()
    {
        var (_, page) = await RenderWithRoundsAsync(3);
        Assert.Equal("Round 2 of 4 · 3 stored", page.Find("[data-testid=shown-round]").TextContent);
        Assert.All(page.FindComponents<Plotly.Blazor.PlotlyChart>(), chart => Assert.Equal(2.0, Assert.Single(chart.Instance.Layout.Shapes).X0));

        page.Find("input[type=range]").Input("0");

        page.WaitForAssertion(() => Assert.Equal("Round 0 of 4 · 3 stored", page.Find("[data-testid=shown-round]").TextContent));
        Assert.Contains("sparsity 0.0%", page.Find("[data-testid=round-summary]").TextContent);
        // Every chart marks the round the scrubber shows (issue 11, defect 5).
        Assert.All(page.FindComponents<Plotly.Blazor.PlotlyChart>(), chart => Assert.Equal(0.0, Assert.Single(chart.Instance.Layout.Shapes).X0));
    }

    [Fact]
    public async Task A_round_completed_event_through_RunEvents_adds_the_round_without_a_reload()
    {
        var (id, page) = await RenderWithRoundsAsync(1);
        Assert.Equal("Round 0 of 4 · 1 stored", page.Find("[data-testid=shown-round]").TextContent);

        var round = PageLab.Round(1);
        await _lab.Store.SaveRoundAsync(id, round, CancellationToken.None);
        await _lab.Events.RoundCompletedAsync(FirstLayerFrameEncoder.Frame(id, round));

        page.WaitForAssertion(() => Assert.Equal("Round 1 of 4 · 2 stored", page.Find("[data-testid=shown-round]").TextContent));
        Assert.Equal(5, page.FindComponents<LocalityLab.Web.Components.Charts.LineChart>().Count);
        Assert.Equal(2, page.FindComponents<LocalityLab.Web.Components.Charts.LineChart>()[0].Instance.Series[0].Y.Count);
    }

    [Fact]
    public async Task Progress_and_status_events_change_the_status_and_progress_text()
    {
        var (id, page) = await RenderWithRoundsAsync(1);

        await _lab.Events.ProgressAsync(id, new TrainingProgress(1, 4, 50, 200, 0.3, 100));
        page.WaitForAssertion(() => Assert.Contains("step 50 of 200", page.Find("[data-testid=run-progress]").TextContent));
        // 150 steps left in round 1, then rounds 2, 3 and 4 (TotalRounds is the last round's index) of 200 each, at
        // 100 steps/s: 7.5 s. The ETA left out one round before.
        Assert.Contains("ETA 7 s", page.Find("[data-testid=run-progress]").TextContent);
        Assert.Contains("Round 1 of 4", page.Find("[data-testid=run-progress]").TextContent);
        // The last round measured for 2.6 s: rounds 1 to 4 will each measure as long, 7.5 + 4 x 2.6 = 17.9 s (issue 11,
        // defect 5: the ETA counted steps only, and said 16 s four seconds before the end).
        await _lab.Events.ProgressAsync(id, new TrainingProgress(1, 4, 50, 200, 0.3, 100, MeasureSeconds: 2.6));
        page.WaitForAssertion(() => Assert.Contains("ETA 17 s", page.Find("[data-testid=run-progress]").TextContent));

        await _lab.Store.TransitionAsync(id, [RunStatus.Running], RunStatus.Completed, null, CancellationToken.None);
        await _lab.Events.StatusChangedAsync((await _lab.Store.InfoAsync(id, CancellationToken.None))!);
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=run-status]").TextContent.Trim()));
        Assert.DoesNotContain("step 50", page.Find("[data-testid=run-progress]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=rerun]"));
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task The_owner_sees_cancel_and_share_and_another_member_sees_neither()
    {
        var (_, owners) = await RenderWithRoundsAsync(1);
        Assert.NotEmpty(owners.FindAll("[data-testid=cancel]"));
        owners.Find("[data-testid=share]").Click();
        owners.WaitForAssertion(() => Assert.NotEmpty(owners.FindAll("[data-testid=share-panel]")));

        _lab.Auth.SetAuthorized("bob");
        var (_, others) = await RenderWithRoundsAsync(1);

        Assert.Empty(others.FindAll("[data-testid=cancel]"));
        Assert.Empty(others.FindAll("[data-testid=share]"));
        Assert.Empty(others.FindAll("[data-testid=share-panel]"));
    }

    /// <summary>Issue 23: every run page offers a citation with the build that computed it, the identity hash and the permalink.</summary>
    [Fact]
    public async Task Cite_shows_the_run_s_citation_in_words_and_bibtex()
    {
        var (id, page) = await RenderWithRoundsAsync(1, RunStatus.Completed);
        var run = (await _lab.Store.InfoAsync(id, CancellationToken.None))!;
        Assert.Empty(page.FindAll("[data-testid=citation]"));

        page.Find("[data-testid=cite]").Click();

        string text = page.Find("[data-testid=citation-text]").TextContent;
        string bibtex = page.Find("[data-testid=citation-bibtex]").TextContent;
        Assert.StartsWith($"lab ({run.CreatedAt.Year}). live [LocalityLab run, identity {run.SpecHash[..12]}]. LocalityLab ", text, StringComparison.Ordinal);
        Assert.EndsWith($"http://localhost/runs/{id}", text, StringComparison.Ordinal);
        Assert.Contains(LocalityLab.Shared.Provenance.LabVersion.Describe(run.ComputedBy), text, StringComparison.Ordinal);
        Assert.StartsWith($"@misc{{localitylab-run-{run.SpecHash[..12]},", bibtex, StringComparison.Ordinal);
        Assert.Contains($"run identity (SHA-256) {run.SpecHash}", bibtex, StringComparison.Ordinal);
        Assert.Contains($"\\url{{http://localhost/runs/{id}}}", bibtex, StringComparison.Ordinal);
    }

    /// <summary>Issue 23: Cancel stopped a run at one click, and "Cancelling…" stayed on the page after the run had ended.</summary>
    [Fact]
    public async Task Cancel_asks_first_and_its_message_goes_when_the_run_has_ended()
    {
        var dialogs = _lab.Context.Render<MudBlazor.MudDialogProvider>();
        var (id, page) = await RenderWithRoundsAsync(0, RunStatus.Queued);

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("after its current step? The rounds already stored are kept", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep running").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(RunStatus.Queued, (await _lab.Store.FindAsync(id, CancellationToken.None))!.Status);

        page.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Cancel run"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel run").Click();

        // The queued run is cancelled at once and announced; the page's status says so, and no "Cancelling…" lingers.
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=run-status]").TextContent.Trim()));
        Assert.Equal(RunStatus.Cancelled, (await _lab.Store.FindAsync(id, CancellationToken.None))!.Status);
        page.WaitForAssertion(() => Assert.DoesNotContain("Cancelling", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_sees_cancel_and_share_on_anyone_s_run()
    {
        _lab.Auth.SetAuthorized("grace");
        _lab.Auth.SetRoles(LocalityLab.Shared.Accounts.LabRoles.Admin);

        var (_, page) = await RenderWithRoundsAsync(1);

        Assert.NotEmpty(page.FindAll("[data-testid=cancel]"));
        Assert.NotEmpty(page.FindAll("[data-testid=share]"));
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

    [Fact]
    public async Task Rerun_navigates_to_the_new_run_without_reloading_the_page()
    {
        // A spec the lab admits (PageLab's tiny one rewinds past the end of its round 0).
        var id = (await _lab.Store.CreateAsync(LocalityLab.Web.Tests.Runs.LabFactory.Spec(seed: 9), "lab", CancellationToken.None)).Id;
        await _lab.Store.TransitionAsync(id, [RunStatus.Queued], RunStatus.Running, null, CancellationToken.None);
        await _lab.Store.TransitionAsync(id, [RunStatus.Running], RunStatus.Completed, null, CancellationToken.None);
        var page = _lab.Context.Render<RunPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rerun]")));
        var navigation = _lab.Context.Services.GetRequiredService<BunitNavigationManager>();

        page.Find("[data-testid=rerun]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(navigation.History));
        var target = navigation.History.First();
        Assert.False(target.Options.ForceLoad, "Re-run reloaded the whole page (and the circuit with it)");
        Assert.Matches("/runs/[0-9a-f-]{36}$", target.Uri);
        Assert.DoesNotContain(id.ToString(), target.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_Id_shows_the_other_run_from_scratch_and_stops_listening_to_the_first()
    {
        var (first, page) = await RenderWithRoundsAsync(3);
        await page.FindComponent<LocalityLab.Web.Components.Runs.ReceptiveFieldGrid>().Instance.Select(1);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=unit-detail]")));
        var second = await _lab.RunAsync("second", RunStatus.Running, rounds: 4, seed: 2);
        await _lab.Store.SaveRoundAsync(second, PageLab.Round(0), CancellationToken.None);

        page.Render(p => p.Add(c => c.Id, second));

        page.WaitForAssertion(() => Assert.Equal("Round 0 of 4 · 1 stored", page.Find("[data-testid=shown-round]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=unit-detail]"));
        await _lab.Events.ProgressAsync(first, new TrainingProgress(1, 4, 11, 200, 0.3, 100));
        await _lab.Events.ProgressAsync(second, new TrainingProgress(0, 4, 22, 200, 0.3, 100));
        page.WaitForAssertion(() => Assert.Contains("step 22 of 200", page.Find("[data-testid=run-progress]").TextContent));
        Assert.DoesNotContain("step 11", page.Find("[data-testid=run-progress]").TextContent);
    }
}
