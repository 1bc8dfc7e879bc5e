using System.Net.Http.Json;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Sharing;
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
    private readonly Lazy<Task<LabRuns>> _runs;
    private HttpClient? _client;

    public BrowserFixture()
    {
        _runs = new(ComputeRunsAsync);
    }

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
        await _factory.EnsureUserAsync("ada");
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        var login = await _client.PostAsJsonAsync("/api/account/login", new LoginRequest("ada", LabFactory.Password));
        login.EnsureSuccessStatusCode();
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

    /// <summary>The lab's runs API over HTTP to the real Kestrel address, signed in as ada, as any client would use it.</summary>
    public RunsApi Api() => new(_client ?? throw new InvalidOperationException("The browser fixture has not started."));

    /// <summary>Completed runs and a sweep family, computed by the lab's worker on first use and shared by every browser test.</summary>
    public Task<LabRuns> RunsAsync() => _runs.Value;

    private async Task<LabRuns> ComputeRunsAsync()
    {
        var api = Api();
        // K = 12 on a 6 x 6 torus, four pruning rounds of 30%: a round takes well under a second.
        var spec = LabFactory.Spec(epochs: 2, rounds: 4, seed: 71) with { Name = "browser nlgp", Model = LabFactory.Spec().Model with { HiddenUnits = 12 } };
        var run = await SubmitAsync(api, spec);
        var other = await SubmitAsync(api, spec with { Name = "browser clone", Seed = 72, Data = spec.Data with { Source = DataSource.GaussianClone } });
        var sweep = await api.SubmitSweepAsync(new SweepRequest(spec with { Name = "browser sweep", Seed = 73, Pruning = spec.Pruning with { Rounds = 2 } }, "Data.Gain", [1, 3]));
        foreach (var member in sweep.Members)
        {
            await api.WaitForAsync(member.Run.Id, RunStatus.Completed);
        }
        var studies = new Studies.StudiesApi(_client!);
        var (_, study, body) = await studies.SubmitAsync(Studies.StudiesApi.Small(replicates: 1) with
        {
            Name = "browser study",
            Conditions = [StudyCondition.Imp, StudyCondition.RandomPruning],
        });
        _ = study ?? throw new InvalidOperationException($"The lab refused the browser tests' study: {body}");
        await studies.WaitForAsync(study.Id, RunStatus.Completed);
        var links = _factory.Services.GetRequiredService<ShareLinkStore>();
        var none = new ShareLinkRequest();
        return new LabRuns(run, other, sweep.Id, study.Id,
            (await links.CreateAsync(run, "ada", none, CancellationToken.None)).Token,
            (await links.CreateForFamilyAsync(sweep.Id, "ada", none, CancellationToken.None)).Token,
            (await links.CreateForStudyAsync(study.Id, "ada", none, CancellationToken.None)).Token);
    }

    private static async Task<Guid> SubmitAsync(RunsApi api, ExperimentSpec spec)
    {
        var (status, run, body) = await api.SubmitAsync(spec);
        if (run is null)
        {
            throw new InvalidOperationException($"The lab refused the browser tests' run ({status}): {body}");
        }
        await api.WaitForAsync(run.Id, RunStatus.Completed);
        return run.Id;
    }

    /// <summary>The lab behind the browser, for arranging runs, users and links directly.</summary>
    public LabFactory Lab => _factory;

    /// <summary>
    /// A fresh context and page at the given viewport size, signed in as <paramref name="userName"/> (created if
    /// missing; "admin" is an Admin) through the sign-in API, or anonymous when it is null.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, int height, string? userName = "ada", ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
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
        _client?.Dispose();
        await _factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
