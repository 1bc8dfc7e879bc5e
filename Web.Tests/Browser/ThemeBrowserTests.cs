using Microsoft.Playwright;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>Issue 11, defect 9: the light or dark choice survives a reload, and every page has its icon.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Dark_mode_chosen_once_is_kept_after_a_reload_and_on_the_next_page()
    {
        var page = await browser.NewPageAsync(1440, 900);
        try
        {
            await LayoutCheck.OpenAsync(page, "/");
            var light = await LayoutCheck.BackgroundAsync(page);
            await LayoutCheck.ToggleDarkModeAsync(page);
            var dark = await LayoutCheck.BackgroundAsync(page);

            // The cookie is written by the toggle's module: wait for it, not for time.
            await page.WaitForFunctionAsync("() => document.cookie.includes('LocalityLab.Theme=dark')", null, new() { Timeout = 10_000 });
            await page.ReloadAsync();
            await LayoutCheck.OpenAsync(page, "/runs");

            Assert.NotEqual(light, dark);
            Assert.Equal(dark, await LayoutCheck.BackgroundAsync(page));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Issue 23: dark mode ignored the system's setting; until a member chooses, it follows it.</summary>
    [Fact]
    public async Task Without_a_choice_the_theme_follows_the_system_and_a_choice_overrides_it()
    {
        var light = await browser.NewPageAsync(1440, 900, colorScheme: ColorScheme.Light);
        var dark = await browser.NewPageAsync(1440, 900, colorScheme: ColorScheme.Dark);
        try
        {
            await LayoutCheck.OpenAsync(light, "/runs");
            await LayoutCheck.OpenAsync(dark, "/runs");
            var lightBackground = await LayoutCheck.BackgroundAsync(light);
            // Read once the page is interactive: wait for the dark palette, not for time.
            await dark.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor !== '{lightBackground}'", null, new() { Timeout = 10_000 });
            var systemDark = await LayoutCheck.BackgroundAsync(dark);

            await LayoutCheck.ToggleDarkModeAsync(dark); // the member chooses light on a dark system
            await dark.WaitForFunctionAsync("() => document.cookie.includes('LocalityLab.Theme=light')", null, new() { Timeout = 10_000 });
            await dark.ReloadAsync();
            await LayoutCheck.OpenAsync(dark, "/runs");

            Assert.NotEqual(lightBackground, systemDark);
            Assert.Equal(lightBackground, await LayoutCheck.BackgroundAsync(dark));
        }
        finally
        {
            await light.Context.CloseAsync();
            await dark.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Pages_name_an_icon_the_server_serves_so_no_favicon_request_fails()
    {
        var page = await browser.NewPageAsync(1440, 900);
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };
        try
        {
            await LayoutCheck.OpenAsync(page, "/");
            var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
            var served = await page.APIRequest.GetAsync(icon!);

            Assert.Equal(200, served.Status);
            Assert.Contains("<svg", await served.TextAsync());
            Assert.Empty(failed);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
