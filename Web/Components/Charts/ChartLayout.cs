using Plotly.Blazor.LayoutLib;

namespace LocalityLab.Web.Components.Charts;

/// <summary>
/// The plotly layout of our charts. The title is HTML above the chart (it wraps on a phone, plotly's does not); the
/// legend sits above the plot, where it pushes the top margin as it wraps instead of landing on the x-axis title.
/// </summary>
internal static class ChartLayout
{
    /// <param name="xStep">Ticks every this many units of x from 0 (whole rounds), or null for plotly's own.</param>
    /// <param name="title">A title drawn by plotly, for saved images only (on the page the title is HTML).</param>
    /// <param name="logX">A log x axis (swept values over decades).</param>
    /// <param name="markX">An x to mark with a dotted vertical line across the plot (the round the scrubber shows).</param>
    public static Plotly.Blazor.Layout Create(string? xTitle, string? yTitle, int height, ChartTheme theme, bool logY = false, double? xStep = null,
        string? title = null, double? markX = null, bool logX = false) => new()
        {
            Shapes = markX is { } x
            ?
            [
                new Shape
                {
                    Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                    X0 = x,
                    X1 = x,
                    Y0 = 0,
                    Y1 = 1,
                    YRef = "paper",
                    Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = theme.Text, Width = 1, Dash = "dot" },
                },
            ]
            : null,
            Height = title is null ? height : height + 40,
            Title = title is null ? null : new Title { Text = title },
            Margin = new Margin { L = 56, R = 16, T = title is null ? 8 : 48, B = 44 },
            Font = new Font { Color = theme.Text },
            XAxis = [new XAxis
        {
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle ?? "" },
            Type = logX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
            TickFormat = logX ? "~g" : null,
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
            // Long tick labels (0.00312) push the margin out rather than onto the axis title.
            AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
            Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
            // A log axis labels its decades and the 2s and 5s between them, as plain numbers (not "3m", "4m", ...).
            DTick = logY ? "D2" : null,
            TickFormat = logY ? "~g" : null,
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
