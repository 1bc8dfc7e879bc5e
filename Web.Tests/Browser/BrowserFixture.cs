using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Tests.Runs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LocalityLab.Web.Tests.Browser;

/// <summary>
/// The whole lab on a real Kestrel port and one headless Chromium shared by every browser test;
/// each test opens its own context (viewport, cookies) so tests cannot see each other's state.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright's own browser download is not served on this platform.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly LabFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}; the browser tests drive Debian's Chromium. Run ./test.sh, which installs it.");
        }

        // The browser launches while the lab starts (each takes seconds: the driver's Node process, TorchSharp).
        var launching = Task.Run(LaunchAsync);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        _browser = await launching;
    }

    private async Task<IBrowser> LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Launch (not a persistent context) gives every run a fresh temporary user-data dir, deleted on close.
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = LaunchArgs,
        });
    }

    /// <summary>The lab behind the browser, for arranging runs, users and links directly.</summary>
    public LabFactory Lab => _factory;

    /// <summary>
    /// A fresh context and page at the given viewport size, signed in as <paramref name="userName"/> (created if
    /// missing; "admin" is an Admin) through the sign-in API, or anonymous when it is null.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, int height, string? userName = "ada")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (userName is not null)
        {
            await _factory.EnsureUserAsync(userName, userName == "admin" ? LabRoles.Admin : LabRoles.Member);
            var response = await context.APIRequest.PostAsync("/api/account/login", new APIRequestContextOptions
            {
                DataObject = new LoginRequest(userName, LabFactory.Password),
            });
            Assert.True(response.Ok, $"signing in as {userName} answered {response.Status}");
        }
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
