using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Hosting;

/// <summary>The whole app in a test host: the start page shows what the engine reports.</summary>
public sealed class StartPageTests : IAsyncLifetime
{
    private readonly LabFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Start_page_shows_the_cpu_device_and_libtorch_2_10_from_the_engine()
    {
        using var client = await _factory.ClientAsync();

        var html = await client.GetStringAsync("/");

        Assert.Contains("data-testid=\"compute-device\">cpu<", html);
        Assert.Contains("data-testid=\"compute-libtorch\">2.10", html);
        Assert.Contains("LocalityLab", html);
    }

    [Fact]
    public async Task An_unknown_address_opened_directly_shows_the_not_found_page_with_a_404()
    {
        using var client = await _factory.ClientAsync();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not Found", await response.Content.ReadAsStringAsync());
    }
}
