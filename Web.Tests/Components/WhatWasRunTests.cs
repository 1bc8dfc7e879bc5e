using Bunit;
using LocalityLab.Shared.Provenance;
using LocalityLab.Web.Components.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class WhatWasRunTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public void What_was_run_names_the_build_the_times_and_the_whole_spec()
    {
        var started = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var panel = _lab.Context.Render<WhatWasRun>(p => p
            .Add(c => c.ComputedBy, ["1.0.0+f468bfea00ff474dfda0c5a2a96e8212c71c72ae"])
            .Add(c => c.Owner, "ada")
            .Add(c => c.Submitted, started.AddMinutes(-1))
            .Add(c => c.Started, started)
            .Add(c => c.Finished, started.AddSeconds(95))
            .Add(c => c.Identity, "0123456789abcdef0123")
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
