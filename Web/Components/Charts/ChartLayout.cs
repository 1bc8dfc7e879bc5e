using Plotly.Blazor.LayoutLib;

namespace LocalityLab.Web.Components.Charts;

/// <summary>
/// The plotly layout of our charts. The title is HTML above the chart (it wraps on a phone, plotly's does not); the
/// legend sits above the plot, where it pushes the top margin as it wraps instead of landing on the x-axis title.
/// </summary>
internal static class ChartLayout
{
    /// <param name="xStep">Ticks every this many units of x from 0 (whole rounds), or null for plotly's own.</param>
    public static Plotly.Blazor.Layout Create(string? xTitle, string? yTitle, int height, ChartTheme theme, bool logY = false, double? xStep = null) => new()
    {
        Height = height,
        Margin = new Margin { L = 56, R = 16, T = 8, B = 44 },
        Font = new Font { Color = theme.Text },
        XAxis = [new XAxis
        {
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle ?? "" },
            TickMode = xStep is null ? Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Auto : Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Linear,
            Tick0 = xStep is null ? null : 0,
            DTick = xStep,
            GridColor = theme.Grid,
            ZeroLineColor = theme.ZeroLine,
            LineColor = theme.ZeroLine,
        }],
        YAxis = [new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle ?? "" },
            Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
            GridColor = theme.Grid,
            ZeroLineColor = theme.ZeroLine,
            LineColor = theme.ZeroLine,
        }],
        Legend = [new Legend
        {
            Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H,
            X = 0,
            XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Left,
            Y = 1,
            YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom,
            // plotly.js reverses the legend when a trace fills (the quartile bands); keep the order the series are given in.
            TraceOrder = Plotly.Blazor.LayoutLib.LegendLib.TraceOrderFlag.Normal,
        }],
        PaperBgColor = ChartTheme.Transparent,
        PlotBgColor = ChartTheme.Transparent,
    };
}
