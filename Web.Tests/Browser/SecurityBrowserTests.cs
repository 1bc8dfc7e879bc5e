using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Tests.Runs;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>Signing in, a share link opened by someone without an account, and the CSP, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1440, 900, "light")]
    [InlineData(390, 844, "dark")]
    public async Task A_share_link_shows_the_run_read_only_to_someone_not_signed_in(int width, int height, string mode)
    {
        var runs = await browser.RunsAsync();
        var link = await browser.Lab.Service<ShareLinkStore>().CreateAsync(runs.Run, "ada", new ShareLinkRequest("browser"), CancellationToken.None);
        var page = await browser.NewPageAsync(width, height, userName: null);
        var violations = CollectCspViolations(page);
        try
        {
            var response = await LayoutCheck.OpenAsync(page, link.Path);
            Assert.True(response?.Ok, $"the share link answered {response?.Status}");
            if (mode == "dark")
            {
                await LayoutCheck.ToggleDarkModeAsync(page);
            }

            await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=rf-grid] canvas")).ToBeVisibleAsync();
            foreach (var control in new[] { "cancel", "rerun", "resume", "share" })
            {
                Assert.Equal(0, await page.GetByTestId(control).CountAsync());
            }
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).CountAsync());
            var problems = await LayoutCheck.FindProblemsAsync(page);
            output.WriteLine($"screenshot: {await LayoutCheck.ScreenshotAsync(page, $"share-{width}x{height}-{mode}")}");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.Empty(violations);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Signing_in_through_the_form_returns_to_the_page_asked_for()
    {
        await browser.Lab.EnsureUserAsync("ada");
        var page = await browser.NewPageAsync(390, 844, userName: null);
        try
        {
            await page.GotoAsync("/runs");
            Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
            Assert.Empty(await LayoutCheck.FindProblemsAsync(page));

            // The sign-in page is settled (its redirect from /runs done, nothing more loading) before the form is filled.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await SignInThroughFormAsync(page, "ada", LabFactory.Password);

            // The runs page says it is there; on a failure the message names the page the browser is on instead.
            try
            {
                await Assertions.Expect(page.GetByTestId("runs-table")).ToBeVisibleAsync();
            }
            catch (PlaywrightException e)
            {
                throw new Xunit.Sdk.XunitException($"Signed in, the browser is at {page.Url}, showing: {await page.Locator("main").InnerTextAsync()}\n{e.Message}");
            }
            Assert.EndsWith("/runs", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_owner_shares_a_run_and_revoking_the_link_closes_the_open_view()
    {
        var runs = await browser.RunsAsync(); // the fixture's runs belong to ada
        var owner = await browser.NewPageAsync(1440, 900, userName: "ada");
        var viewer = await browser.NewPageAsync(390, 844, userName: null);
        try
        {
            await LayoutCheck.OpenAsync(owner, $"/runs/{runs.Run}");
            await owner.GetByTestId("share").ClickAsync();
            await owner.GetByTestId("share-create").ClickAsync();
            var url = (await owner.Locator("[data-testid=share-url]").TextContentAsync())!.Trim();
            Assert.Contains("/s/", url, StringComparison.Ordinal);
            // The whole link is shown, and the button copies it (issue 11, defect 9).
            await owner.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await owner.GetByTestId("share-copy").ClickAsync();
            await Assertions.Expect(owner.GetByTestId("share-copy")).ToHaveTextAsync("Copied");
            Assert.Equal(url, await owner.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

            await viewer.GotoAsync(url);
            await Assertions.Expect(viewer.GetByTestId("run-status")).ToHaveTextAsync("Completed");

            await owner.GetByTestId("share-revoke").First.ClickAsync();
            await Assertions.Expect(viewer.GetByTestId("closed-link")).ToContainTextAsync("This link was revoked");
            await Assertions.Expect(viewer.GetByTestId("run-status")).ToHaveCountAsync(0);
        }
        finally
        {
            await owner.Context.CloseAsync();
            await viewer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_admin_invites_a_member_who_joins_through_the_link()
    {
        var admin = await browser.NewPageAsync(1440, 900, userName: "admin");
        var newcomer = await browser.NewPageAsync(390, 844, userName: null);
        try
        {
            await LayoutCheck.OpenAsync(admin, "/admin/members");
            await admin.GetByTestId("invite").ClickAsync();
            var url = await admin.Locator("[data-testid=invitation-url] input, input[data-testid=invitation-url]").InputValueAsync();
            Assert.Contains("/account/invite?token=", url, StringComparison.Ordinal);

            await newcomer.GotoAsync(url);
            await newcomer.Locator("#username").FillAsync("lovelace");
            await newcomer.Locator("#password").FillAsync(LabFactory.Password);
            await newcomer.Locator("#confirm").FillAsync(LabFactory.Password);
            await newcomer.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();
            await Assertions.Expect(newcomer.GetByTestId("signed-in-as")).ToHaveTextAsync("lovelace");

            await admin.ReloadAsync();
            await Assertions.Expect(admin.GetByTestId("members-table")).ToContainTextAsync("lovelace");
            await Assertions.Expect(admin.GetByTestId("invitation").First).ToContainTextAsync("joined as lovelace");
        }
        finally
        {
            await admin.Context.CloseAsync();
            await newcomer.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_admin_adds_a_member_who_signs_in_and_changes_the_first_password()
    {
        var admin = await browser.NewPageAsync(1440, 900, userName: "admin");
        var newcomer = await browser.NewPageAsync(390, 844, userName: null);
        var returning = await browser.NewPageAsync(1440, 900, userName: null);
        const string NewPassword = "only-hopper-knows-this";
        try
        {
            await LayoutCheck.OpenAsync(admin, "/admin/members");
            var form = admin.GetByTestId("add-member");
            await form.GetByLabel("User name").FillAsync("hopper");
            await form.GetByLabel("First password").FillAsync("short");
            await admin.GetByTestId("add").ClickAsync();
            await Assertions.Expect(form).ToContainTextAsync("Passwords must be at least 10 characters.");

            await form.GetByLabel("First password").FillAsync(LabFactory.Password);
            await admin.GetByTestId("add").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("members-message")).ToContainTextAsync("hopper can now sign in as Member");
            await Assertions.Expect(admin.GetByTestId("members-table")).ToContainTextAsync("hopper");

            await newcomer.GotoAsync("/account/login");
            await SignInThroughFormAsync(newcomer, "hopper", LabFactory.Password);
            // Signed in when the lab's page says so; only then is the app bar's link there to follow.
            await Assertions.Expect(newcomer.GetByTestId("signed-in-as")).ToHaveTextAsync("hopper");
            // Clicked as soon as it shows, circuit up or not: the link leaves Blazor's routing (target _top) and loads the page.
            var changePassword = newcomer.GetByRole(AriaRole.Link, new() { Name = "Change password" });
            await Assertions.Expect(changePassword).ToHaveAttributeAsync("target", "_top");
            await changePassword.ClickAsync();
            // The form is filled once the password page has loaded: a form filled earlier is replaced as it arrives.
            await newcomer.WaitForURLAsync("**/account/password", new() { WaitUntil = WaitUntilState.Load });
            await Assertions.Expect(newcomer.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();
            await newcomer.Locator("#current").FillAsync(LabFactory.Password);
            await newcomer.Locator("#password").FillAsync(NewPassword);
            await newcomer.Locator("#confirm").FillAsync(NewPassword);
            await Assertions.Expect(newcomer.Locator("#current")).ToHaveValueAsync(LabFactory.Password);
            await newcomer.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
            await Assertions.Expect(newcomer.GetByTestId("password-changed")).ToBeVisibleAsync();
            await LayoutCheck.ScreenshotAsync(newcomer, "account-password-390x844");

            await returning.GotoAsync("/account/login");
            await SignInThroughFormAsync(returning, "hopper", NewPassword);
            await Assertions.Expect(returning.GetByTestId("signed-in-as")).ToHaveTextAsync("hopper");
        }
        finally
        {
            await admin.Context.CloseAsync();
            await newcomer.Context.CloseAsync();
            await returning.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_admin_sets_a_members_password_and_the_member_signs_in_with_it()
    {
        await browser.Lab.EnsureUserAsync("knuth");
        var admin = await browser.NewPageAsync(390, 844, userName: "admin");
        var member = await browser.NewPageAsync(1440, 900, userName: null);
        try
        {
            await LayoutCheck.OpenAsync(admin, "/admin/members");
            var form = admin.GetByTestId("set-password");
            await form.GetByLabel("Member").ClickAsync();
            await admin.GetByRole(AriaRole.Option, new() { Name = "knuth" }).ClickAsync();
            // Filled once the lab has rendered the choice (it enables the button): the password filled while that render was
            // on its way reached the server empty on a loaded machine.
            await Assertions.Expect(admin.GetByTestId("set-password-button")).ToBeEnabledAsync();
            await form.GetByLabel("New password").FillAsync("knuth-new-password");
            await admin.GetByTestId("set-password-button").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("members-message")).ToContainTextAsync("knuth now signs in with the new password.");

            await member.GotoAsync("/account/login");
            await SignInThroughFormAsync(member, "knuth", "knuth-new-password");
            await Assertions.Expect(member.GetByTestId("signed-in-as")).ToHaveTextAsync("knuth");
        }
        finally
        {
            await admin.Context.CloseAsync();
            await member.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/runs")]
    [InlineData("/designer")]
    [InlineData("run")]
    [InlineData("/admin/members")]
    public async Task Pages_run_under_the_content_security_policy_without_violations(string path)
    {
        var runs = await browser.RunsAsync();
        var page = await browser.NewPageAsync(1440, 900, userName: "admin");
        var violations = CollectCspViolations(page);
        try
        {
            var response = await LayoutCheck.OpenAsync(page, path == "run" ? $"/runs/{runs.Run}" : path);

            Assert.True(response?.Ok);
            Assert.Contains("Content-Security-Policy", (await response!.AllHeadersAsync()).Keys, StringComparer.OrdinalIgnoreCase);
            Assert.Empty(violations);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Fills the sign-in form the page shows and submits it, as a person would.</summary>
    private static async Task SignInThroughFormAsync(IPage page, string userName, string password)
    {
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }
}
