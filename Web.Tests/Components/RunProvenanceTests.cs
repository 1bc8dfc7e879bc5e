using Bunit;
using LocalityLab.Shared.Provenance;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Components.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class RunProvenanceTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public void What_was_run_names_the_build_the_times_and_the_whole_spec()
    {
        var started = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var run = new RunInfo(Guid.NewGuid(), "gain sweep", "ada", RunStatus.Completed, "0123456789abcdef0123", started.AddMinutes(-1),
            started, started.AddSeconds(95), null, 4, 4, null, 0.5, 0.9, "", null, "1.0.0+f468bfea00ff474dfda0c5a2a96e8212c71c72ae");

        var panel = _lab.Context.Render<RunProvenance>(p => p
            .Add(c => c.Run, run)
            .Add(c => c.SpecJson, "{\n  \"seed\": 4242\n}")
            .Add(c => c.SpecUrl, "/api/runs/x/spec.json")
            .Add(c => c.SpecFileName, "gain-sweep-spec.json"));
        panel.Find(".mud-expand-panel-header").Click();

        Assert.Equal("LocalityLab 1.0.0, commit f468bfe", panel.Find("[data-testid=provenance-version]").TextContent);
        Assert.Equal("2026-12-03 08:01:35 UTC (ran for 1 min 35 s)", panel.Find("[data-testid=provenance-finished]").TextContent);
        Assert.Contains("\"seed\": 4242", panel.Find("[data-testid=provenance-spec]").TextContent);
        Assert.Equal("gain-sweep-spec.json", panel.Find("[data-testid=download-spec]").GetAttribute("download"));
        Assert.Contains("0123456789ab", panel.Markup);
        Assert.Equal("LocalityLab, version not recorded", LabVersion.Describe(null));
    }
}
