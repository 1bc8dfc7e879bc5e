using Bunit;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Components.Pages;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Components;

/// <summary>Issue 11: the home page starts the Quick demo and the paper's comparison in one click each.</summary>
public sealed class HomePageTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task Run_the_Quick_demo_queues_the_preset_for_the_member_and_opens_its_run()
    {
        var page = _lab.Context.Render<Home>();

        page.Find("[data-testid=start-quick-demo]").Click();

        var navigation = _lab.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/runs/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var run = await _lab.Context.Services.GetRequiredService<RunStore>().FindAsync(id, CancellationToken.None);
        Assert.Equal(ExperimentPresets.Quick.Identity, run!.SpecHash);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.NotEqual("", run.Owner);

        // A second click opens the same run: the spec is already on its way.
        navigation.NavigateTo("/");
        page.Find("[data-testid=start-quick-demo]").Click();
        page.WaitForAssertion(() => Assert.EndsWith(id.ToString(), navigation.Uri));
    }

    [Fact]
    public async Task Reproduce_the_paper_s_comparison_queues_the_study_preset_and_opens_its_page()
    {
        var page = _lab.Context.Render<Home>();

        page.Find("[data-testid=start-paper-study]").Click();

        var navigation = _lab.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/studies/[0-9a-f-]{36}$", navigation.Uri));
        var study = await _lab.Context.Services.GetRequiredService<StudyStore>().FindAsync(Guid.Parse(navigation.Uri[^36..]), CancellationToken.None);
        Assert.Equal(StudyPresets.Paper.Identity, study!.Identity);
    }
}
