using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>Every page, in a real browser, at a desktop and a phone viewport, in light and dark mode.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLayoutTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>
    /// The pages the layout check covers: add one line per page. {run}, {other}, {sweep} and {study} stand for the
    /// fixture's completed runs, sweep family and study, {runLink}, {sweepLink} and {studyLink} for share links to them
    /// (LabRuns), so every list and chart has something in it. Share pages are opened without signing in.
    /// </summary>
    private static readonly string[] Pages =
    [
        "/",
        "/runs",
        "/designer",
        "/runs/{run}",
        "/compare?runs={run},{other}",
        "/families",
        "/families/{sweep}",
        "/studies/{study}",
        "/s/{runLink}",
        "/s/{sweepLink}",
        "/s/{studyLink}",
        "/admin/members",
    ];

    private static readonly (int Width, int Height)[] Viewports = [(1440, 900), (390, 844)];

    public static TheoryData<string, int, int, string> PagesAtEveryViewportAndMode()
    {
        var cases = new TheoryData<string, int, int, string>();
        foreach (var path in Pages)
        {
            foreach (var (width, height) in Viewports)
            {
                foreach (var mode in new[] { "light", "dark" })
                {
                    cases.Add(path, width, height, mode);
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(PagesAtEveryViewportAndMode))]
    public async Task Page_has_no_horizontal_overflow_and_no_overlapping_text(string path, int width, int height, string mode)
    {
        var runs = await browser.RunsAsync();
        var userName = path.StartsWith("/admin", StringComparison.Ordinal) ? "admin" : path.StartsWith("/s/", StringComparison.Ordinal) ? null : "ada";
        var page = await browser.NewPageAsync(width, height, userName);
        try
        {
            var response = await LayoutCheck.OpenAsync(page, runs.Resolve(path));
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            if (mode == "dark")
            {
                await LayoutCheck.ToggleDarkModeAsync(page);
            }
            if (path == "/runs/{run}")
            {
                // The run page is at its fullest with a unit open: its fields, cavity map and histogram below the grid.
                await page.Locator("[data-testid=rf-grid] canvas").ClickAsync(new() { Position = new() { X = 3, Y = 3 } });
                await Assertions.Expect(page.GetByTestId("unit-detail")).ToBeVisibleAsync();
                await LayoutCheck.SettleAsync(page);
            }

            var problems = await LayoutCheck.FindProblemsAsync(page);
            var screenshot = await LayoutCheck.ScreenshotAsync(page, $"{Slug(path)}-{width}x{height}-{mode}");
            output.WriteLine($"screenshot: {screenshot}");

            Assert.True(problems.Count == 0,
                $"{path} at {width}x{height} ({mode}) has {problems.Count} layout problem(s):\n{string.Join("\n", problems)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Menu_button_opens_the_drawer_over_the_content_on_a_phone_and_the_scrim_closes_it()
    {
        var page = await browser.NewPageAsync(390, 844);
        try
        {
            await LayoutCheck.OpenAsync(page, "/");
            var drawer = page.Locator(".mud-drawer");
            Assert.False(await IsOpenAsync(drawer), "on a phone the drawer should start closed, leaving the page to the content");
            await AssertDrawerStateIsSoundAsync(page, drawer);

            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
            await LayoutCheck.SettleAsync(page);
            Assert.True(await IsOpenAsync(drawer), "the menu button did not open the drawer");
            await AssertDrawerStateIsSoundAsync(page, drawer);
            await LayoutCheck.ScreenshotAsync(page, "start-390x844-drawer-open");

            // A temporary drawer closes when the scrim beside it is tapped (the scrim also covers the menu button).
            await page.Mouse.ClickAsync(370, 400);
            await LayoutCheck.SettleAsync(page);
            Assert.False(await IsOpenAsync(drawer), "tapping beside the open drawer did not close it");
            await AssertDrawerStateIsSoundAsync(page, drawer);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Unknown_route_shows_the_not_found_page_inside_the_layout()
    {
        var page = await browser.NewPageAsync(1440, 900);
        try
        {
            await LayoutCheck.OpenAsync(page, "/");

            await page.EvaluateAsync("() => Blazor.navigateTo('/no-such-page')");

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not Found" })).ToBeVisibleAsync();
            Assert.EndsWith("/no-such-page", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator(".mud-appbar")).ToContainTextAsync("LocalityLab");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start" })).ToBeVisibleAsync();
            Assert.Empty(await LayoutCheck.FindProblemsAsync(page));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static Task<bool> IsOpenAsync(ILocator drawer) =>
        drawer.EvaluateAsync<bool>("d => d.classList.contains('mud-drawer--open')");

    /// <summary>
    /// Open, the drawer lies fully on screen (over the content, as a phone drawer does); closed, it is fully
    /// off screen and leaves the content uncovered. Either way nothing sticks out sideways.
    /// </summary>
    private static async Task AssertDrawerStateIsSoundAsync(IPage page, ILocator drawer)
    {
        var viewportWidth = page.ViewportSize!.Width;
        var box = await drawer.BoundingBoxAsync();
        var problems = await LayoutCheck.FindProblemsAsync(page);
        Assert.DoesNotContain(problems, p => p.StartsWith("overflow", StringComparison.Ordinal));
        if (await IsOpenAsync(drawer))
        {
            Assert.NotNull(box);
            Assert.True(box.X >= -1 && box.X + box.Width <= viewportWidth + 1, $"the open drawer is not fully on screen: x={box.X}, width={box.Width}");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start" })).ToBeVisibleAsync();
        }
        else
        {
            Assert.True(box is null || box.X + box.Width <= 1, $"the closed drawer still shows: x={box?.X}, width={box?.Width}");
            Assert.Empty(problems);
        }
    }

    private static string Slug(string path) => path == "/" ? "start"
        : string.Concat(path.Split('?')[0].Trim('/').Replace('/', '-').Where(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
