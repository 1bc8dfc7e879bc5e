using Bunit;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;

namespace LocalityLab.Web.Tests.Components;

public sealed class ChartThemeTests : MudComponentTest
{
    private Plotly.Blazor.Layout LayoutIn(bool dark)
    {
        var host = Context.Render<CascadingValue<bool>>(p => p
            .Add(c => c.Value, dark)
            .Add(c => c.Name, LabTheme.DarkMode)
            .AddChildContent<LineChart>(chart => chart.Add(c => c.Series, [new ChartSeries("a", [0, 1], [0.1, 0.2])])));
        return host.FindComponent<PlotlyChart>().Instance.Layout;
    }

    // The red channel of "rgba(r,g,b,a)": enough to tell light text from dark.
    private static int Red(string rgba) => int.Parse(rgba[(rgba.IndexOf('(', StringComparison.Ordinal) + 1)..rgba.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void In_dark_mode_a_chart_is_transparent_with_light_text_and_the_dark_palettes_grid()
    {
        var layout = LayoutIn(dark: true);

        Assert.Equal(ChartTheme.Transparent, layout.PaperBgColor);
        Assert.Equal(ChartTheme.Transparent, layout.PlotBgColor);
        Assert.Equal(ChartTheme.Dark.Text, layout.Font.Color);
        Assert.True(Red(ChartTheme.Dark.Text) > 200, $"dark-mode text {ChartTheme.Dark.Text} is not light");
        Assert.Equal(ChartTheme.Dark.Grid, layout.XAxis[0].GridColor);
        Assert.Equal(ChartTheme.Dark.Grid, layout.YAxis[0].GridColor);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_designers_schedule_chart_follows_the_theme_too(bool dark)
    {
        var host = Context.Render<CascadingValue<bool>>(p => p
            .Add(c => c.Value, dark)
            .Add(c => c.Name, LabTheme.DarkMode)
            .AddChildContent<LocalityLab.Web.Designer.ScheduleChart>(chart => chart.Add(c => c.Rounds, 5).Add(c => c.Fraction, 0.2)));

        var layout = host.FindComponent<PlotlyChart>().Instance.Layout;

        Assert.Equal(ChartTheme.For(dark).Text, layout.Font.Color);
        Assert.Equal(ChartTheme.For(dark).Grid, layout.YAxis[0].GridColor);
        Assert.Equal(ChartTheme.Transparent, layout.PaperBgColor);
    }

    [Fact]
    public void In_light_mode_a_chart_has_dark_text()
    {
        var layout = LayoutIn(dark: false);

        Assert.Equal(ChartTheme.Light.Text, layout.Font.Color);
        Assert.True(Red(ChartTheme.Light.Text) < 100, $"light-mode text {ChartTheme.Light.Text} is not dark");
        Assert.Equal(ChartTheme.Transparent, layout.PaperBgColor);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(20, 3)]
    public void Round_axis_ticks_fall_on_whole_rounds_at_most_about_eight_of_them(int lastRound, double step)
    {
        var host = Context.Render<LineChart>(p => p.Add(c => c.Series,
            [new ChartSeries("a", [.. Enumerable.Range(0, lastRound + 1).Select(r => (double)r)], [.. Enumerable.Range(0, lastRound + 1).Select(_ => (double?)0.5)])]));

        var axis = host.FindComponent<PlotlyChart>().Instance.Layout.XAxis[0];

        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Linear, axis.TickMode);
        Assert.Equal(step, Convert.ToDouble(axis.DTick, System.Globalization.CultureInfo.InvariantCulture));
    }
}
