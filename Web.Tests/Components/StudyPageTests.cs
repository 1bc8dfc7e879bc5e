using Bunit;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Tests.Components;

/// <summary>The study page from given statistics: bands per condition against sparsity, the claims in words, the replicates.</summary>
public sealed class StudyPageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private static readonly StudySpec Study = new()
    {
        Name = "two seeds",
        Seed = 3,
        Replicates = 2,
        Conditions = [StudyCondition.Imp, StudyCondition.RandomPruning],
        Base = PageLab.Spec("base", rounds: 2),
    };

    /// <summary>IMP and random pruning at rounds 0 to 2 (sparsity 0, 20%, 36%), LI rising on IMP only.</summary>
    private static StudySummary Summary(ClaimVerdict c2Verdict = ClaimVerdict.Contradicted)
    {
        var bands = new List<MeasureBand>();
        foreach (var condition in Study.Conditions)
        {
            for (int round = 0; round <= 2; round++)
            {
                double sparsity = 1 - Math.Pow(0.8, round);
                bands.Add(new MeasureBand(condition, StudyMeasures.Sparsity, round, sparsity, sparsity, sparsity, 2, [sparsity, sparsity]));
                double li = condition == StudyCondition.Imp ? 2.0 * round : 0.1;
                bands.Add(new MeasureBand(condition, StudyMeasures.LocalityIndex, round, li, li - 0.5, li + 0.5, 2, [li - 0.1, li + 0.1]));
            }
        }
        ClaimResult[] claims =
        [
            new(StudyClaimIds.C2Kurtosis, StudyMeasures.AbsKurtosisWithin, StudyCondition.Imp, "randomPruning", 2, 0.36, -0.25, -0.4, -0.1, 2, c2Verdict),
            new(StudyClaimIds.C2Ngi, StudyMeasures.NonGaussianityIndex, StudyCondition.Imp, "randomPruning", 2, 0.36, 1.5, 0.8, 2.2, 2, ClaimVerdict.Supported),
            new(StudyClaimIds.C3Mixture, StudyMeasures.CavityGainPrunedMinusKept, StudyCondition.Imp, StudyClaimIds.Kept, 1, 0.2, 0.02, -0.01, 0.05, 2, ClaimVerdict.NotResolved),
        ];
        return new StudySummary(bands, claims);
    }

    [Fact]
    public async Task Bands_are_drawn_per_condition_against_sparsity_and_claims_read_in_plain_words()
    {
        var study = await _lab.Studies.CreateAsync(Study, "lab", CancellationToken.None);
        Assert.Equal(study.Id, await _lab.Studies.ClaimNextAsync("test worker (cpu)", CancellationToken.None)); // as the worker does: its replicates record this build
        await _lab.Studies.SaveSummaryAsync(study.Id, Summary(), CancellationToken.None);

        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));

        page.WaitForAssertion(() => Assert.Equal("two seeds", page.Find("[data-testid=study-name]").TextContent));
        var li = page.FindComponents<LineChart>().Single(c => c.Instance.Title == "Locality index LI").Instance;
        Assert.Equal(["IMP", "Random pruning"], li.Series.Select(s => s.Name));
        var imp = li.Series[0];
        Assert.Equal([0, 20, 36], imp.X.Select(x => Math.Round(x, 6)));
        Assert.Equal([0.0, 2.0, 4.0], imp.Y);
        Assert.Equal([-0.5, 1.5, 3.5], imp.Low);
        Assert.Equal([0.5, 2.5, 4.5], imp.High);
        Assert.Equal("sparsity (%)", li.XTitle);
        Assert.Equal("null standard deviations", li.YTitle);
        // Each condition keeps its colour whichever conditions a study has.
        Assert.Equal([0, 3], li.Series.Select(s => s.Colour!.Value)); // their places in the lab's order of conditions

        var rows = page.FindAll("[data-testid=claim-row]");
        Assert.Equal(["C2.kurtosis:Contradicted", "C2.ngi:Supported", "C3.mixture:NotResolved"],
            rows.Select(r => $"{r.GetAttribute("data-claim")}:{r.GetAttribute("data-verdict")}"));
        Assert.Contains("contradicted", rows[0].TextContent, StringComparison.Ordinal);
        // The verdict is the row's second cell, after the claim's id: on a phone it shows without scrolling the table (issue 23).
        Assert.All(rows, r => Assert.Equal("claim-verdict", r.QuerySelectorAll("td")[1].GetAttribute("data-testid")));
        Assert.Equal("Verdict", page.FindAll("[data-testid=claims-table] th")[1].TextContent);
        var sentences = page.FindAll("[data-testid=claim-sentence]").Select(s => s.TextContent).ToList();
        Assert.Contains(sentences, s => s.Contains("falls below random pruning's at the same sparsity", StringComparison.Ordinal)
            && s.Contains("by 0.250 (95% CI -0.400 to -0.100, 2 seeds): contradicted", StringComparison.Ordinal));
        Assert.Contains(ClaimDescriptions.Explain(StudyClaimIds.C2Ngi), page.Markup, StringComparison.Ordinal);
        // Each claim's header names its id once (issue 23: "C2.ngi · C2: IMP raises ...").
        var headers = page.FindAll("[data-testid=claim-header]").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["C2.kurtosis", "C2.ngi", "C3.mixture"], headers.Select(h => h.Split(" · ")[0]));
        Assert.All(headers, h => Assert.DoesNotMatch(@"·\s*C\d", h));

        // Every replicate is a link to its own run view.
        var links = page.FindAll("[data-testid=replicate-link]");
        Assert.Equal(4, links.Count);
        var replicates = await _lab.Studies.ReplicatesAsync(study.Id, CancellationToken.None);
        Assert.Equal(replicates.Select(r => $"/runs/{r.RunId}").Order(), links.Select(l => l.GetAttribute("href")!).Order());
        Assert.NotNull(page.Find("[data-testid=download-summary-csv]"));
        Assert.Equal($"/api/studies/{study.Id}/export.zip", page.Find("[data-testid=download-study-export]").GetAttribute("href"));
        Assert.Equal($"/api/studies/{study.Id}/replicates.csv", page.Find("[data-testid=download-replicates-csv]").GetAttribute("href"));
        // What was run: the build each replicate was computed by, and the study's spec.
        page.Find("[data-testid=run-provenance] .mud-expand-panel-header").Click();
        Assert.Equal(LabVersion.Describe(LabVersion.Current), page.Find("[data-testid=provenance-version]").TextContent);
        Assert.Contains("\"replicates\": 2", page.Find("[data-testid=provenance-spec]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_statistics_stream_in_when_the_study_announces_them()
    {
        var study = await _lab.Studies.CreateAsync(Study, "lab", CancellationToken.None);
        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));
        page.WaitForAssertion(() => Assert.Contains("No round stored yet", page.Markup, StringComparison.Ordinal));

        await _lab.Studies.SaveSummaryAsync(study.Id, Summary(ClaimVerdict.Supported), CancellationToken.None);
        await _lab.Events.StudyChangedAsync((await _lab.Studies.InfoAsync(study.Id, CancellationToken.None))!);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=claim-row]").Count));
        Assert.Equal("Supported", page.FindAll("[data-testid=claim-row]")[0].GetAttribute("data-verdict"));
        Assert.Contains("Queued", page.Find("[data-testid=study-progress]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Issue 23: a study's page offers its citation, with the study's identity.</summary>
    [Fact]
    public async Task Cite_shows_the_study_s_citation_with_its_identity()
    {
        var study = await _lab.Studies.CreateAsync(Study, "lab", CancellationToken.None);
        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=cite]")));

        page.Find("[data-testid=cite]").Click();

        Assert.Contains($"[LocalityLab study, identity {study.Identity[..12]}]", page.Find("[data-testid=citation-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"study identity (SHA-256) {study.Identity}", page.Find("[data-testid=citation-bibtex]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"http://localhost/studies/{study.Id}", page.Find("[data-testid=citation-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_owner_sees_cancel_and_a_queued_study_can_be_cancelled_from_its_page()
    {
        var dialogs = _lab.Context.Render<MudBlazor.MudDialogProvider>();
        var study = await _lab.Studies.CreateAsync(Study, "lab", CancellationToken.None);
        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=study-cancel]")));

        await page.InvokeAsync(() => page.Find("[data-testid=study-cancel]").Click());
        // It asks first (issue 23), then cancels; the status says so and no "Cancelling" message lingers.
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Cancel study"));
        Assert.Equal(RunStatus.Queued, (await _lab.Studies.FindAsync(study.Id, CancellationToken.None))!.Status);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel study").Click();

        page.WaitForAssertion(() => Assert.Equal(nameof(RunStatus.Cancelled), page.Find("[data-testid=study-status]").TextContent));
        page.WaitForAssertion(() => Assert.DoesNotContain("Cancelling", page.Markup, StringComparison.Ordinal));
        Assert.All(await _lab.Studies.ReplicatesAsync(study.Id, CancellationToken.None), r => Assert.Equal(RunStatus.Cancelled, r.Status));

        var other = await _lab.Studies.CreateAsync(Study with { Seed = 4 }, "someone else", CancellationToken.None);
        var theirs = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, other.Id));
        theirs.WaitForAssertion(() => Assert.Equal("two seeds", theirs.Find("[data-testid=study-name]").TextContent));
        Assert.Empty(theirs.FindAll("[data-testid=study-cancel]"));
    }

    [Fact]
    public async Task Claims_show_the_gap_before_pruning_its_growth_disagreements_and_warnings_and_one_shot_as_points()
    {
        var spec = Study with { Conditions = [StudyCondition.Imp, StudyCondition.OneShot] };
        var study = await _lab.Studies.CreateAsync(spec, "lab", CancellationToken.None);
        var bands = new List<MeasureBand>();
        foreach (var (condition, round, sparsity) in new[]
        {
            (StudyCondition.Imp, 0, 0.0), (StudyCondition.Imp, 1, 0.2), (StudyCondition.Imp, 2, 0.36),
            (StudyCondition.OneShot, 0, 0.0), (StudyCondition.OneShot, 1, 0.36),
        })
        {
            bands.Add(new MeasureBand(condition, StudyMeasures.Sparsity, round, sparsity, sparsity, sparsity, 2, [sparsity, sparsity]));
            bands.Add(new MeasureBand(condition, StudyMeasures.NonGaussianityIndex, round, 1 + round, 0.5 + round, 1.5 + round, 2, [1, 2]));
        }
        var kurtosis = new ClaimResult(StudyClaimIds.C2Kurtosis, StudyMeasures.AbsKurtosisWithin, StudyCondition.Imp, "oneShot", 2, 0.36,
            0.3, 0.1, 0.5, 2, ClaimVerdict.Supported);
        var ngi = new ClaimResult(StudyClaimIds.C2Ngi, StudyMeasures.NonGaussianityIndex, StudyCondition.Imp, "oneShot", 2, 0.36,
            -1.2, -2, -0.4, 2, ClaimVerdict.Contradicted);
        ClaimResult[] claims =
        [
            kurtosis with { Round = 0, Sparsity = 0, Mean = 0, Low = 0, High = 0, Verdict = ClaimVerdict.NotResolved },
            kurtosis,
            kurtosis with { Comparison = ClaimComparison.Growth },
            ngi,
        ];
        const string Warning = "warning (xi = 2, p = 2): Class 1's latent kernel is not a valid covariance on this periodic lattice.";
        var summary = new StudySummary(bands, claims)
        {
            Disagreements = [new ClaimDisagreement(StudyClaimIds.C2Kurtosis, StudyClaimIds.C2Ngi, "oneShot", ClaimComparison.Gap, 2,
                ClaimVerdict.Supported, ClaimVerdict.Contradicted, ClaimDescriptions.Disagreement(kurtosis, ngi))],
            Warnings = [Warning],
        };
        Assert.Equal(study.Id, await _lab.Studies.ClaimNextAsync("test worker (cpu)", CancellationToken.None));
        await _lab.Studies.SaveSummaryAsync(study.Id, summary, CancellationToken.None);

        var page = _lab.Context.Render<StudyPage>(p => p.Add(c => c.Id, study.Id));

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=claim-row]").Count));
        Assert.Equal(["C2.kurtosis:before pruning:0", "C2.kurtosis:gap:2", "C2.kurtosis:growth since round 0:2", "C2.ngi:gap:2"],
            page.FindAll("[data-testid=claim-row]").Select(r => $"{r.GetAttribute("data-claim")}:{r.GetAttribute("data-comparison")}:{r.GetAttribute("data-round")}"));
        Assert.Contains("grows under pruning", page.FindAll("[data-testid=claim-row]")[2].TextContent, StringComparison.Ordinal);
        var disagreement = page.Find("[data-testid=claim-disagreement]").TextContent;
        Assert.Contains("they disagree, and within-class non-Gaussianity (NGI) is the one that accounts for sparsity", disagreement, StringComparison.Ordinal);
        Assert.Equal(Warning, page.Find("[data-testid=study-warning]").TextContent.Trim());

        // One-shot is measured at one pruned level: points with error bars, no line or band across sparsities it never had.
        var chart = page.FindComponents<LineChart>().Single(c => c.Instance.Title == "Non-Gaussianity index NGI");
        Assert.Equal([false, true], chart.Instance.Series.Select(s => s.Points));
        var traces = chart.FindComponent<Plotly.Blazor.PlotlyChart>().Instance.Data.OfType<Plotly.Blazor.Traces.Scatter>().ToList();
        var oneShot = Assert.Single(traces, t => t.Name == "One-shot");
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers, oneShot.Mode);
        Assert.Equal([0.5, 0.5], oneShot.ErrorY!.Array.Cast<double>());
        Assert.Equal([0.5, 0.5], oneShot.ErrorY.ArrayMinus.Cast<double>());
        Assert.DoesNotContain(traces, t => t.Name is "One-shot Q1" or "One-shot Q3");
        Assert.Contains(traces, t => t.Name == "IMP Q3");
    }
}
