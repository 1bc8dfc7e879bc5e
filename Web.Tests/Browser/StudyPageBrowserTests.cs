using LocalityLab.Shared.Runs;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Studies;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>A study watched live in Chromium from queued to completed: claims, bands and replicates as the browser draws them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudyPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_study_streams_to_completion_with_claims_banded_charts_and_replicates_that_open_their_run_view()
    {
        var outcome = await browser.Lab.Service<StudyService>().SubmitAsync(Callers.Member("ada"),
            StudiesApi.Small() with { Name = "browser study", Seed = 81 }, runAgain: true, CancellationToken.None);
        var study = outcome.Study ?? throw new InvalidOperationException(string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var page = await browser.NewPageAsync(1440, 900);
        try
        {
            // Opened while the study is queued or training: what follows arrives over the circuit, not by reloading.
            await LayoutCheck.OpenAsync(page, $"/studies/{study.Id}");
            await Assertions.Expect(page.Locator("[data-testid=study-status]")).ToHaveTextAsync(nameof(RunStatus.Completed),
                new() { Timeout = 180_000 });
            await Assertions.Expect(page.Locator("[data-testid=study-progress]")).ToContainTextAsync($"{study.TotalRounds} of {study.TotalRounds} replicate rounds stored");
            await LayoutCheck.WaitForChartsAsync(page);
            await LayoutCheck.SettleAsync(page);

            // The claims table: every claim of SCIENCE.md at the last round, each with a verdict and a sentence.
            var rows = page.Locator("[data-testid=claim-row]");
            var claims = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.claim + ' ' + r.dataset.against)");
            Assert.Contains("C1 gaussianClone", claims);
            Assert.Contains("C2.ngi oneShot", claims);
            Assert.Contains("C2.kurtosis randomPruning", claims);
            Assert.Contains("C3.within kept", claims);
            var verdicts = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.verdict)");
            Assert.All(verdicts, v => Assert.Contains(v, new[] { "Supported", "Contradicted", "NotResolved" }));
            Assert.Equal(claims.Length, await page.Locator("[data-testid=claim-sentence]").CountAsync());

            // Every chart is drawn with a band per condition: plotly fills the area between each interval's two edges.
            var charts = page.Locator("[data-testid=study-charts] .ll-chart");
            Assert.True(await charts.CountAsync() >= 8, $"only {await charts.CountAsync()} charts");
            var li = charts.Filter(new() { HasText = "Locality index LI" });
            Assert.Equal(5, await li.Locator(".legend .traces").CountAsync());
            Assert.True(await li.Locator("path.js-fill").CountAsync() >= 4, "the LI chart draws no interval bands");
            Assert.Contains("sparsity (%)", await li.Locator(".xtitle").TextContentAsync(), StringComparison.Ordinal);

            Assert.Empty(await LayoutCheck.FindProblemsAsync(page));
            output.WriteLine(await LayoutCheck.ScreenshotAsync(page, "study-1440x900"));

            // A replicate opens its own run view, which leads back to the study.
            await page.Locator("[data-testid=replicate-link][data-condition=oneShot][data-replicate='1']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync(nameof(RunStatus.Completed));
            await Assertions.Expect(page.Locator("[data-testid=run-study]")).ToHaveAttributeAsync("href", $"/studies/{study.Id}");
            await Assertions.Expect(page.Locator("[data-testid=cancel]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
