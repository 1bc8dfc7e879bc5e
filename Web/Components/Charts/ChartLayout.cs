using Plotly.Blazor.LayoutLib;

namespace LocalityLab.Web.Components.Charts;

internal static class ChartLayout
{
    public static Plotly.Blazor.Layout Create(string? title, string? xTitle, string? yTitle, int height, bool logY = false) => new()
    {
        Title = new Title { Text = title ?? "" },
        Height = height,
        Margin = new Margin { L = 56, R = 16, T = title is null ? 16 : 40, B = 44 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle ?? "" } }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle ?? "" }, Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear }],
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H }],
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
    };
}
