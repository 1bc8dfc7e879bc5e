using Bunit;
using LocalityLab.Web.Components.Runs;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Tests.Components;

public sealed class ReceptiveFieldGridTests : MudComponentTest
{
    private GridPayload DrawnWith(double?[] iprs, GridOrder order)
    {
        var module = Context.JSInterop.SetupModule("./js/receptive-fields.js");
        var round = PageLab.Round(0, iprs);
        var frame = FirstLayerFrameEncoder.Encode(round.Arrays!);

        Context.Render<ReceptiveFieldGrid>(p => p
            .Add(c => c.Frame, frame)
            .Add(c => c.Measures, round.UnitMeasures)
            .Add(c => c.Order, order));

        var draw = Assert.Single(module.Invocations, i => i.Identifier == "drawGrid");
        return Assert.IsType<GridPayload>(draw.Arguments[1]);
    }

    [Fact]
    public void Sorted_by_IPR_draws_every_unit_most_local_first_and_dead_units_last()
    {
        var payload = DrawnWith([0.1, null, 0.4, 0.2, 0.3], GridOrder.Ipr);

        Assert.Equal([2, 4, 3, 0, 1], payload.Order);
        Assert.Equal(5 * 9, payload.Weights.Length);
        Assert.Equal((3, 3), (payload.Height, payload.Width));
    }

    [Fact]
    public void Sorted_by_unit_draws_units_in_index_order()
    {
        var payload = DrawnWith([0.1, 0.4, 0.2, 0.3], GridOrder.Unit);

        Assert.Equal([0, 1, 2, 3], payload.Order);
    }

    [Fact]
    public void Before_any_unit_is_pointed_at_the_hint_speaks_to_touch_as_well_as_mouse()
    {
        Context.JSInterop.SetupModule("./js/receptive-fields.js");
        var round = PageLab.Round(0);

        var grid = Context.Render<ReceptiveFieldGrid>(p => p
            .Add(c => c.Frame, FirstLayerFrameEncoder.Encode(round.Arrays!))
            .Add(c => c.Measures, round.UnitMeasures)
            .Add(c => c.OnUnitSelected, (int _) => { }));

        // Issue 11, defect 9: a phone has no hover, and the hint said only "Hover a unit".
        Assert.Contains("tap a unit", grid.Markup);
        Assert.DoesNotContain("Hover a unit", grid.Markup);
    }
}
