using Bunit;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Components.Runs;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Registries;

/// <summary>
/// A per-unit measure is its descriptor and one registration (issue 24) on the pages too: registered and charted, a
/// test-only measure has its chart on the run page and on the compare page, is offered by a sweep, and reads on a unit's
/// line; unregistered, it is gone from all of them. (Compute.Tests' namesake sees it in the .npz and the rounds CSV.)
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class UnitMeasureRegistryTests : IAsyncLifetime
{
    private static readonly UnitMeasure TripleIpr = new("testOnlyTripleIpr", "Three times the IPR (test only)", "3 IPR",
        u => u.Ipr * 3, r => r.Ipr with { Median = r.Ipr.Median * 3, Q1 = r.Ipr.Q1 * 3, Q3 = r.Ipr.Q3 * 3 })
    { Chart = 99, Short = "three IPR" };

    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task A_registered_measure_is_charted_compared_swept_and_described_and_gone_once_unregistered()
    {
        var medians = new[] { 0.1, 0.2, 0.4 };
        var id = await _lab.RunAsync("registered", RunStatus.Completed, rounds: 2);
        for (var r = 0; r < medians.Length; r++)
        {
            await _lab.Store.SaveRoundAsync(id, PageLab.Round(r, medianIpr: medians[r]), CancellationToken.None);
        }
        var unit = PageLab.Round(0).UnitMeasures[1]; // IPR 0.4
        string runTitle = $"{TripleIpr.Title} (median, quartiles)", compareTitle = $"{TripleIpr.Title} (median)";
        var navigation = _lab.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/compare?runs={id}");

        using (UnitMeasureKinds.Register(TripleIpr))
        {
            var runPage = RenderRunPage(id);
            var chart = runPage.FindComponents<LineChart>().Single(c => c.Instance.Title == runTitle).Instance;
            Assert.Equal(TripleIpr.Axis, chart.YTitle);
            var series = Assert.Single(chart.Series); // no within-class measures of it: one series, named by its title
            Assert.Equal(TripleIpr.Title, series.Name);
            Assert.Equal(medians.Select(m => Math.Round(3 * m, 12)), series.Y.Select(y => Math.Round(y!.Value, 12)));

            var compare = _lab.Context.Render<ComparePage>();
            compare.WaitForAssertion(() => Assert.Single(compare.FindAll("[data-testid=compared-run]")));
            var overlay = compare.FindComponents<LineChart>().Single(c => c.Instance.Title == compareTitle).Instance;
            Assert.Equal(medians.Select(m => Math.Round(3 * m, 12)), Assert.Single(overlay.Series).Y.Select(y => Math.Round(y!.Value, 12)));

            Assert.Contains(TripleIpr.Key, SweepPoints.Measures);
            Assert.Equal(compareTitle, SweepPoints.Name(TripleIpr.Key));
            Assert.EndsWith($" · three IPR {Format.Number(3 * 0.4)}", Format.Unit(unit), StringComparison.Ordinal);
        }

        var without = RenderRunPage(id);
        Assert.DoesNotContain(without.FindComponents<LineChart>(), c => c.Instance.Title == runTitle);
        Assert.Contains(without.FindComponents<LineChart>(), c => c.Instance.Title == "IPR (median, quartiles)");
        var compareWithout = _lab.Context.Render<ComparePage>();
        compareWithout.WaitForAssertion(() => Assert.Single(compareWithout.FindAll("[data-testid=compared-run]")));
        Assert.DoesNotContain(compareWithout.FindComponents<LineChart>(), c => c.Instance.Title == compareTitle);
        Assert.DoesNotContain(TripleIpr.Key, SweepPoints.Measures);
        Assert.Equal($"IPR {Format.Number(0.4)} · spread {Format.Number(unit.Spread)} · excess kurtosis {Format.Number(unit.ExcessKurtosis)}",
            Format.Unit(unit));
    }

    private IRenderedComponent<RunPage> RenderRunPage(Guid id)
    {
        var page = _lab.Context.Render<RunPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Contains("Round 2 of 2", page.Find("[data-testid=shown-round]").TextContent));
        return page;
    }
}
