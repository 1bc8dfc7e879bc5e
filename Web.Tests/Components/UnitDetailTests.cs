using Bunit;
using LocalityLab.Web.Components.Runs;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class UnitDetailTests : MudComponentTest
{
    [Fact]
    public void Cavity_toggle_switches_the_drawn_map_between_gain_and_delta_kurtosis()
    {
        var module = Context.JSInterop.SetupModule("./js/receptive-fields.js");
        var round = PageLab.Round(0);
        var inputs = round.Arrays!.Shape.Inputs;
        // Gain and delta differ everywhere, so the drawn values say which array was used; unit 1 is row 1.
        var arrays = round.Arrays with
        {
            CavityGain = [.. Enumerable.Range(0, round.Arrays.Weights.Length).Select(i => (float)i)],
            CavityDelta = [.. Enumerable.Range(0, round.Arrays.Weights.Length).Select(i => -(float)i)],
        };
        var detail = Context.Render<UnitDetail>(p => p
            .Add(c => c.Unit, 1)
            .Add(c => c.Round, 0)
            .Add(c => c.Frame, FirstLayerFrameEncoder.Encode(arrays))
            .Add(c => c.Measures, round.UnitMeasures[1])
            .Add(c => c.Arrays, arrays));

        double?[] LastCavityMap() => Assert.IsType<MapPayload>(module.Invocations.Where(i => i.Identifier == "drawMap").Last().Arguments[1]).Values;

        detail.WaitForAssertion(() => Assert.Equal(Enumerable.Range(inputs, inputs).Select(i => (double?)i), LastCavityMap()));
        Assert.Contains("Non-Gaussianity gain", detail.Find("[data-testid=cavity-caption]").TextContent);

        detail.FindAll("[data-testid=cavity-measure] button").Single(b => b.TextContent.Contains("kurtosis", StringComparison.Ordinal)).Click();

        detail.WaitForAssertion(() => Assert.Equal(Enumerable.Range(inputs, inputs).Select(i => (double?)-i), LastCavityMap()));
        Assert.Contains("Δ excess kurtosis", detail.Find("[data-testid=cavity-caption]").TextContent);
    }
}
