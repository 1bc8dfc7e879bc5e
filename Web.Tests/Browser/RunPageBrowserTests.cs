using System.Text.Json;
using LocalityLab.Web.Components.Runs;
using LocalityLab.Web.Tests.Runs;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>The live run page's canvas and charts as a browser draws them, on a completed run with four pruning rounds.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Grid = "[data-testid=rf-grid] canvas";

    /// <summary>The canvas's own pixels: size, distinct colours, and how many are the pruned grey or a diverging colour.</summary>
    private const string ReadPixels = """
        c => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          const colours = new Set();
          let painted = 0, pruned = 0, signed = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] === 0) continue; // the gaps between tiles
            painted++;
            colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            if (d[i] === 150 && d[i + 1] === 150 && d[i + 2] === 150) pruned++;
            else if ((d[i] === 255) !== (d[i + 2] === 255)) signed++; // red (positive) or blue (negative), not white
          }
          return { width: c.width, height: c.height, clientWidth: c.clientWidth, clientHeight: c.clientHeight, colours: colours.size, painted, pruned, signed };
        }
        """;

    private sealed record Pixels(int Width, int Height, double ClientWidth, double ClientHeight, int Colours, int Painted, int Pruned, int Signed);

    private async Task<(IPage Page, LabRuns Runs)> OpenRunAsync(int width, int height)
    {
        var runs = await browser.RunsAsync();
        var page = await browser.NewPageAsync(width, height);
        await LayoutCheck.OpenAsync(page, $"/runs/{runs.Run}");
        await Assertions.Expect(page.Locator(Grid)).ToBeVisibleAsync();
        return (page, runs);
    }

    private static async Task<Pixels> PixelsAsync(IPage page) =>
        JsonSerializer.Deserialize<Pixels>(JsonSerializer.Serialize(await page.Locator(Grid).EvaluateAsync(ReadPixels)),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    /// <summary>Points at the middle of the tile in a grid slot, in the canvas's displayed (possibly scaled-down) size.</summary>
    private static Position Tile(Pixels pixels, int slot, int columns = 10, int side = 6, int cell = 12)
    {
        var tile = side * cell + 2;
        var scaleX = pixels.ClientWidth / pixels.Width;
        var scaleY = pixels.ClientHeight / pixels.Height;
        return new Position { X = (float)(((slot % columns) * tile + tile / 2.0) * scaleX), Y = (float)(((slot / columns) * tile + tile / 2.0) * scaleY) };
    }

    [Fact]
    public async Task Grid_canvas_draws_every_unit_with_pruned_inputs_grey_and_survivors_in_the_diverging_map()
    {
        var (page, _) = await OpenRunAsync(1440, 900);
        try
        {
            var pixels = await PixelsAsync(page);
            await LayoutCheck.ScreenshotAsync(page, "run-grid-1440x900");

            // 12 units of a 6 x 6 torus at 12 px an input (tiles of 72 px, large enough to see a blob), 10 a row:
            // 10 tiles of 74 px across, 2 rows.
            Assert.Equal((740, 148), (pixels.Width, pixels.Height));
            Assert.Equal(12 * 36 * 144, pixels.Painted);
            // Four rounds of 30% magnitude pruning leave 0.7^4 = 24% of the first layer, give or take the layerwise split.
            var prunedFraction = (double)pixels.Pruned / pixels.Painted;
            Assert.InRange(prunedFraction, 0.6, 0.9);
            Assert.True(pixels.Signed > 0, "no surviving weight is drawn red or blue");
            Assert.True(pixels.Colours > 10, $"the grid has only {pixels.Colours} colours");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Per drawn tile: how many of its pixels are full red (255, 0, 0) or full blue (0, 0, 255); -1 for a dead unit.</summary>
    private const string SaturatedPerTile = """
        c => {
          const g = c.rfGrid, d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          return g.order.map((unit, slot) => {
            const x0 = (slot % g.columns) * g.tileW, y0 = Math.floor(slot / g.columns) * g.tileH;
            let full = 0, surviving = 0;
            for (let y = y0; y < y0 + g.tileH; y++) for (let x = x0; x < x0 + g.tileW; x++) {
              const o = (y * c.width + x) * 4;
              if (d[o + 3] !== 255 || (d[o] === 150 && d[o + 1] === 150 && d[o + 2] === 150)) continue;
              surviving++;
              if ((d[o] === 255 && d[o + 1] === 0 && d[o + 2] === 0) || (d[o] === 0 && d[o + 1] === 0 && d[o + 2] === 255)) full++;
            }
            return surviving === 0 ? -1 : full; // -1: a dead unit, every input pruned
          });
        }
        """;

    [Fact]
    public async Task Each_unit_s_largest_surviving_weight_is_full_colour_and_one_scale_leaves_only_the_largest_unit_so()
    {
        var (page, _) = await OpenRunAsync(1440, 900);
        try
        {
            // Scale per unit: every unit's largest surviving |w| is drawn full red or blue (issue 11, defect 2: the grid
            // showed pale specks where the atlas showed blobs).
            var perUnit = await page.Locator(Grid).EvaluateAsync<int[]>(SaturatedPerTile);
            Assert.All(perUnit, full => Assert.True(full != 0, $"a live unit has no full-colour pixel: [{string.Join(", ", perUnit)}]"));
            Assert.Contains("−max", await page.GetByTestId("rf-colorbar").TextContentAsync());

            await page.GetByTestId("grid-scale").GetByText("one scale").ClickAsync();
            await Assertions.Expect(page.GetByTestId("rf-colorbar")).Not.ToContainTextAsync("−max");
            int live = perUnit.Count(full => full > 0);
            await page.WaitForFunctionAsync($"() => ({SaturatedPerTile})(document.querySelector('{Grid}')).filter(n => n > 0).length < {live}");

            // One scale: the colour bar names it in numbers, and units compare (the weaker ones are paler).
            var shared = await page.Locator(Grid).EvaluateAsync<int[]>(SaturatedPerTile);
            Assert.InRange(shared.Count(full => full > 0), 1, live - 1);
            await LayoutCheck.ScreenshotAsync(page, "run-grid-shared-scale-1440x900");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_hovering_a_tile_of_the_scaled_down_grid_names_that_unit_and_clicking_opens_it()
    {
        var (page, runs) = await OpenRunAsync(390, 844);
        try
        {
            var pixels = await PixelsAsync(page);
            Assert.True(pixels.ClientWidth < pixels.Width, $"the grid ({pixels.Width} px) was expected to be scaled down on a phone; it shows {pixels.ClientWidth} px wide");
            var last = (await browser.Api().RoundsAsync(runs.Run))[^1];
            var unit9 = last.UnitMeasures.Single(m => m.Unit == 9);
            const string PlaceOnPage = "c => { const r = c.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width]; }";
            var before = await page.Locator(Grid).EvaluateAsync<double[]>(PlaceOnPage);

            await page.Locator(Grid).HoverAsync(new() { Position = Tile(pixels, 9) });

            await Assertions.Expect(page.GetByTestId("rf-hover")).ToHaveTextAsync(
                $"Unit 9 · IPR {Format.Number(unit9.Ipr)} · spread {Format.Number(unit9.Spread)} · excess kurtosis {Format.Number(unit9.ExcessKurtosis)}");
            // The readout wraps to two lines on a phone; the grid must stay where it was, under the pointer.
            Assert.Equal(before, await page.Locator(Grid).EvaluateAsync<double[]>(PlaceOnPage));

            await page.Locator(Grid).ClickAsync(new() { Position = Tile(await PixelsAsync(page), 9) });

            await Assertions.Expect(page.GetByTestId("unit-detail")).ToContainTextAsync($"Unit 9, round {last.Round}");
            await Assertions.Expect(page.GetByTestId("unit-measures")).ToContainTextAsync($"IPR {Format.Number(unit9.Ipr)}");
            await LayoutCheck.ScreenshotAsync(page, "run-unit-390x844");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Sorted_by_IPR_the_first_tile_is_the_most_local_unit()
    {
        var (page, runs) = await OpenRunAsync(1440, 900);
        try
        {
            var last = (await browser.Api().RoundsAsync(runs.Run))[^1];
            var mostLocal = last.UnitMeasures.Where(m => m.Ipr is not null).MaxBy(m => m.Ipr)!;

            await page.GetByTestId("grid-order").GetByText("by IPR").ClickAsync();
            await LayoutCheck.SettleAsync(page);
            await page.Locator(Grid).HoverAsync(new() { Position = Tile(await PixelsAsync(page), 0) });

            await Assertions.Expect(page.GetByTestId("rf-hover")).ToContainTextAsync($"Unit {mostLocal.Unit} · IPR {Format.Number(mostLocal.Ipr)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task In_dark_mode_the_charts_are_transparent_with_light_text()
    {
        var (page, _) = await OpenRunAsync(1440, 900);
        try
        {
            const string Charts = "() => [...document.querySelectorAll('.ll-chart')].map(c => [getComputedStyle(c.querySelector('.main-svg')).backgroundColor, getComputedStyle(c.querySelector('.xtick text')).fill])";
            var light = await page.EvaluateAsync<string[][]>(Charts);

            await LayoutCheck.ToggleDarkModeAsync(page);
            // The charts re-render with the dark palette after the toggle: wait until every tick label is light.
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ll-chart .xtick text')].every(t => parseInt(getComputedStyle(t).fill.match(/\\d+/)[0]) > 180)",
                null, new() { Timeout = 10000 });
            var dark = await page.EvaluateAsync<string[][]>(Charts);
            output.WriteLine($"screenshot: {await LayoutCheck.ScreenshotAsync(page, "run-charts-dark-1440x900")}");

            Assert.Equal(5, light.Length);
            Assert.All(light, c => Assert.True(Red(c[1]) < 100, $"light-mode tick labels are {c[1]}"));
            Assert.Equal(5, dark.Length);
            Assert.All(dark, c => Assert.Equal("rgba(0, 0, 0, 0)", c[0]));
            Assert.All(dark, c => Assert.True(Red(c[1]) > 180, $"dark-mode tick labels are {c[1]}"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The largest round every round chart's drawn series reach (band traces, without a legend, left out).</summary>
    private const string LastDrawnRounds = """
        () => [...document.querySelectorAll('[data-testid=line-chart] .js-plotly-plot')].map(plot =>
          Math.min(...(plot.data || []).filter(t => t.showlegend !== false).map(t => Math.max(...t.x))))
        """;

    [Fact]
    public async Task Watched_live_to_the_end_every_chart_draws_the_last_round()
    {
        // Issue 11, defect 1: watched live, some charts stopped a round short while the page said the run had ended (seen
        // here too: the spread chart stayed at round 6 of 8 for a minute, before plotly's redraws were put in order).
        const int Rounds = 8;
        var spec = LabFactory.Spec(epochs: 1, rounds: Rounds, seed: 4_242) with { Name = "watched live", Model = LabFactory.Spec().Model with { HiddenUnits = 12 } };
        var page = await browser.NewPageAsync(1440, 900);
        try
        {
            var (_, run, body) = await browser.Api().SubmitAsync(spec);
            Assert.True(run is not null, body);
            await page.GotoAsync($"/runs/{run!.Id}");
            await Assertions.Expect(page.Locator("[data-testid=run-status]")).ToHaveTextAsync("Completed", new() { Timeout = 120_000 });

            // What the page shows once it has drawn what it has: every chart's series end at the last round.
            try
            {
                await page.WaitForFunctionAsync($"() => {{ const last = ({LastDrawnRounds})(); return last.length === 5 && last.every(x => x === {Rounds}); }}",
                    null, new() { Timeout = 60_000 }); // a wait for what the page shows, long only on a loaded machine
            }
            catch (TimeoutException)
            {
                var titles = await page.Locator("[data-testid=chart-title]").AllTextContentsAsync();
                Assert.Fail($"charts drawn to rounds [{string.Join(", ", await page.EvaluateAsync<double[]>(LastDrawnRounds))}] ({string.Join(" | ", titles)}); "
                    + $"the page shows {await page.GetByTestId("shown-round").TextContentAsync()}");
            }
            var drawn = await page.EvaluateAsync<double[]>(LastDrawnRounds);
            Assert.All(drawn, x => Assert.Equal(Rounds, x));
            // Each chart's redraws run in order (wwwroot/js/plotly-order.js), so the newest data is drawn last.
            Assert.True(await page.EvaluateAsync<bool>("() => window.Plotly.llOrdered === true"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_chart_saves_as_a_png_named_after_the_run_and_the_chart_and_no_toolbar_covers_the_legend()
    {
        var (page, _) = await OpenRunAsync(390, 844);
        try
        {
            var ipr = page.Locator("[data-testid=line-chart]").Filter(new() { HasText = "IPR (median, quartiles)" });
            await Assertions.Expect(ipr.Locator(".js-plotly-plot")).ToBeVisibleAsync();

            var download = await page.RunAndWaitForDownloadAsync(() => ipr.Locator("[data-testid=chart-png]").ClickAsync());

            Assert.Equal("browser-nlgp-ipr-median-quartiles.png", download.SuggestedFilename);
            var png = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // Issue 11, defect 9: on a phone plotly's toolbar sat over every legend; there is none now.
            Assert.Equal(0, await page.Locator(".modebar-container .modebar").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static int Red(string rgb) => int.Parse(rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
}
