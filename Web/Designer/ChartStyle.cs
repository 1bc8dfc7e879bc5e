using LocalityLab.Web.Components.Charts;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace LocalityLab.Web.Designer;

/// <summary>One look for the designer's small charts: transparent, in the text and grid colours of the light or dark theme.</summary>
public static class ChartStyle
{
    public static Config Config() => new() { Responsive = true, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    public static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, ChartTheme theme, int height = 220) => new()
    {
        Height = height,
        PaperBgColor = ChartTheme.Transparent,
        PlotBgColor = ChartTheme.Transparent,
        Font = new Font { Color = theme.Text, Size = 11 },
        Margin = new Margin { L = 48, R = 16, T = 12, B = 40 },
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.15m }],
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, GridColor = theme.Grid, ZeroLineColor = theme.ZeroLine }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, GridColor = theme.Grid, ZeroLineColor = theme.ZeroLine }],
    };
}
