using Bunit;
using LocalityLab.Shared.Runs;
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

    [Fact]
    public void One_scale_is_drawn_when_asked_and_the_colour_bar_gives_it_in_numbers()
    {
        var module = Context.JSInterop.SetupModule("./js/receptive-fields.js");
        var round = PageLab.Round(0);
        var frame = FirstLayerFrameEncoder.Encode(round.Arrays!);

        var grid = Context.Render<ReceptiveFieldGrid>(p => p
            .Add(c => c.Frame, frame)
            .Add(c => c.Measures, round.UnitMeasures)
            .Add(c => c.SharedScale, true));

        var payload = Assert.IsType<GridPayload>(Assert.Single(module.Invocations, i => i.Identifier == "drawGrid").Arguments[1]);
        Assert.True(payload.Shared);
        double largest = ReceptiveFieldLayout.LargestSurvivingWeight(frame);
        Assert.Contains("+" + Format.Number(largest), grid.Find("[data-testid=rf-colorbar]").TextContent);
        Assert.Contains("pruned", grid.Find("[data-testid=rf-colorbar]").TextContent);
    }

    [Fact]
    public void The_largest_surviving_weight_leaves_out_pruned_weights_whatever_their_value()
    {
        var round = PageLab.Round(0);
        var arrays = round.Arrays!;
        int inputs = arrays.Shape.Inputs;
        // Unit 0's first input is pruned but holds the largest value of all: it must not set the scale.
        var weights = (float[])arrays.Weights.Clone();
        var mask = (byte[])arrays.Mask.Clone();
        weights[0] = 100;
        mask[0] = 0;
        var frame = FirstLayerFrameEncoder.Encode(arrays with { Weights = weights, Mask = mask });

        double expected = Enumerable.Range(0, weights.Length).Where(i => mask[i] != 0).Max(i => Math.Abs(weights[i]));

        // int8 quantisation per unit: within half a step of the unit's scale.
        Assert.Equal(expected, ReceptiveFieldLayout.LargestSurvivingWeight(frame), 0.01 * expected);
        Assert.True(inputs > 1);
    }

    [Fact]
    public void The_compare_grids_switch_to_one_scale_over_every_run_so_their_sizes_compare()
    {
        var module = Context.JSInterop.SetupModule("./js/receptive-fields.js");
        var round = PageLab.Round(0);
        // The second run's weights are three times the first's: on one scale its colours are full, the first's paler.
        var larger = round with { Arrays = round.Arrays! with { Weights = [.. round.Arrays!.Weights.Select(w => 3 * w)] } };
        var runs = new[] { round, larger }.Select((r, i) =>
        {
            var id = Guid.NewGuid();
            var info = new RunInfo(id, $"run {i}", "ada", RunStatus.Completed, "hash", DateTimeOffset.UnixEpoch, null, null, null, 1, 1, null, null, null, "");
            return new ComparedRun(info, $"run {i}", null, [FirstLayerFrameEncoder.Frame(id, r)]);
        }).ToList();
        double first = ReceptiveFieldLayout.LargestSurvivingWeight(runs[0].Rounds[0].FirstLayer);
        double second = ReceptiveFieldLayout.LargestSurvivingWeight(runs[1].Rounds[0].FirstLayer);

        var comparison = Context.Render<RunComparison>(p => p.Add(c => c.Runs, runs));
        Assert.All(Payloads(), p => Assert.False(p.Shared));
        comparison.FindAll("[data-testid=compare-scale] .mud-toggle-item")[1].Click();

        var shared = Payloads().Skip(2).ToList();
        Assert.Equal(2, shared.Count);
        Assert.All(shared, p => Assert.Equal((true, (double?)second), (p.Shared, p.Largest)));
        Assert.Equal(3 * first, second, 0.02 * second); // int8 quantisation: within a step
        Assert.All(comparison.FindAll("[data-testid=rf-colorbar]"), bar => Assert.Contains("+" + Format.Number(second), bar.TextContent));

        List<GridPayload> Payloads() => [.. module.Invocations.Where(i => i.Identifier == "drawGrid").Select(i => Assert.IsType<GridPayload>(i.Arguments[1]))];
    }
}
