namespace LocalityLab.Web.Tests.Browser;

/// <summary>The layout check itself: it must see planted faults, or a passing page test means nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task Layout_check_reports_planted_overflow_and_overlap_but_not_a_wide_table_in_a_scroller()
    {
        var page = await browser.NewPageAsync(390, 844);
        try
        {
            await LayoutCheck.OpenAsync(page, "/");
            await page.EvaluateAsync("""
                () => {
                  const main = document.querySelector('.mud-main-content');
                  main.insertAdjacentHTML('beforeend', `
                    <div id="planted-wide" style="width: 600px">too wide for a phone</div>
                    <p id="planted-under" style="position: relative">first line of text</p>
                    <p id="planted-over" style="position: relative; top: -1.5em">drawn over it</p>
                    <div style="overflow-x: auto"><table style="width: 900px"><tr><td id="planted-scrolled">scrolls on purpose</td></tr></table></div>`);
                }
                """);

            var problems = string.Join("\n", await LayoutCheck.FindProblemsAsync(page));

            Assert.Contains("the page scrolls sideways", problems, StringComparison.Ordinal);
            Assert.Contains("overflow: div#planted-wide", problems, StringComparison.Ordinal);
            Assert.Contains("overlap: p#planted-under", problems, StringComparison.Ordinal);
            Assert.Contains("p#planted-over", problems, StringComparison.Ordinal);
            Assert.DoesNotContain("planted-scrolled", problems, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
