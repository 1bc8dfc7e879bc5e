using LocalityLab.Web.Components.Charts;

namespace LocalityLab.Web.Tests.Components;

/// <summary>
/// What the chart layout decides from the data (issue 23, items 1, 2 and 11): long y titles break into lines that fit
/// along the axis, a log axis within one decade gets labelled ticks, and a single x level gets a sensible range.
/// </summary>
public sealed class ChartLayoutTests
{
    [Fact]
    public void A_y_title_longer_than_its_axis_breaks_between_words_into_lines_that_fit()
    {
        // The run page's accuracy chart: 280 px high, 204 px of axis, 27 characters of 7.5 px to a line.
        var lines = ChartLayout.WrapAxisTitle("fraction (test accuracy; weights pruned)", ChartLayout.PlotHeight(280));

        Assert.Equal(["fraction (test accuracy;", "weights pruned)"], lines);
        Assert.All(lines, line => Assert.True(line.Length * 7.5 <= ChartLayout.PlotHeight(280), line));
    }

    [Fact]
    public void A_y_title_that_fits_stays_on_one_line()
    {
        Assert.Equal(["accuracy (fraction correct)"], ChartLayout.WrapAxisTitle("accuracy (fraction correct)", ChartLayout.PlotHeight(280)));
    }

    [Fact]
    public void The_layout_writes_a_broken_title_with_plotly_line_breaks_and_widens_the_left_margin_by_a_line()
    {
        var one = ChartLayout.Create("round", "accuracy", 280, ChartTheme.Light);
        var two = ChartLayout.Create("round", "fraction (test accuracy; weights pruned)", 280, ChartTheme.Light);

        Assert.Equal("fraction (test accuracy;<br>weights pruned)", two.YAxis[0].Title.Text);
        Assert.Equal(one.Margin.L + 17, two.Margin.L);
    }

    [Theory]
    [InlineData(new[] { 0.011, 0.014 }, false)]      // no 1, 2 or 5 inside: "D2" labelled nothing (every short run's IPR)
    [InlineData(new[] { 0.011, 0.024 }, false)]      // only 0.02 inside: one label is no scale
    [InlineData(new[] { 0.011, 0.06 }, true)]        // 0.02 and 0.05
    [InlineData(new[] { 0.004, 0.3 }, true)]         // several decades
    [InlineData(new[] { 0.01, 0.02 }, true)]         // both ends are ticks
    public void A_log_axis_uses_the_1_2_5_ticks_only_when_two_of_them_fall_within_the_data(double[] values, bool labelled)
    {
        Assert.Equal(labelled, ChartLayout.SpansLabelledLogTicks(values.Select(v => (double?)v)));
        var layout = ChartLayout.Create("round", "IPR", 280, ChartTheme.Light, logY: true, ys: values.Select(v => (double?)v));
        Assert.Equal(labelled ? "D2" : null, layout.YAxis[0].DTick);
    }

    [Fact]
    public void Points_at_one_sparsity_get_a_range_from_the_floor_with_plain_tick_labels()
    {
        // A study cancelled at round 0: every condition at sparsity 0 was drawn from -1 to 1 % with a "-500μ" tick.
        var layout = ChartLayout.Create("sparsity (%)", "IPR", 260, ChartTheme.Light, xs: [0.0, 0.0, 0.0], xFloor: 0);

        Assert.Equal([0.0, 2.0], layout.XAxis[0].Range!.Cast<double>());
        Assert.Equal("~g", layout.XAxis[0].TickFormat);
        Assert.Equal("~g", layout.YAxis[0].TickFormat);
    }

    [Theory]
    [InlineData(new[] { 5.0 }, null, 4.0)]     // one level, nothing below it forbidden: one either side
    [InlineData(new[] { 0.5 }, 0.0, 0.0)]      // never below the floor
    public void A_single_x_level_is_given_two_units_of_axis(double[] xs, double? floor, double low)
    {
        Assert.Equal([low, low + 2], ChartLayout.SingleLevelRange(xs, floor)!.Cast<double>());
    }

    [Fact]
    public void Several_x_levels_keep_plotlys_own_range()
    {
        Assert.Null(ChartLayout.SingleLevelRange([0, 20, 36], 0));
        Assert.Null(ChartLayout.Create("round", "IPR", 280, ChartTheme.Light, xs: [0, 1, 2], xFloor: 0).XAxis[0].Range);
    }
}
