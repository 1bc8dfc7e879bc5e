using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace LocalityLab.Web.Components.Designer;

/// <summary>One look for the designer's small charts: transparent, mid-grey text, readable in light and dark themes.</summary>
public static class ChartStyle
{
    private const string Text = "#8a8a8a";
    private const string Grid = "rgba(128,128,128,0.25)";

    public static Config Config() => new() { Responsive = true, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    public static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, int height = 220) => new()
    {
        Height = height,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = Text, Size = 11 },
        Margin = new Margin { L = 48, R = 16, T = 12, B = 40 },
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.15m }],
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, GridColor = Grid, ZeroLineColor = Grid }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, GridColor = Grid, ZeroLineColor = Grid }],
    };
}
