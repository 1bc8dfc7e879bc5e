using LocalityLab.Shared.Data;
using LocalityLab.Web.Components.Charts;
using LocalityLab.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace LocalityLab.Web.Designer;

/// <summary>Shows a DataPreview: samples per class, the marginal with a Gaussian overlay, the correlation profiles.</summary>
public partial class DataPreviewPanel
{
    public const int SamplesShown = 6;

    private readonly Config _config = ChartStyle.Config();
    private Plotly.Blazor.Layout _histogramLayout = new();
    private Plotly.Blazor.Layout _profileLayout = new();
    private Plotly.Blazor.Layout _tracesLayout = new();
    private bool? _layoutDark;
    private IList<ITrace> _histogram = [];
    private IList<ITrace> _profile = [];
    private PlotlyChart? _histogramChart;
    private PlotlyChart? _profileChart;
    private DataPreview? _shown;
    private bool _redraw;

    [Parameter]
    public DataPreview? Preview { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public string? Error { get; set; }

    /// <summary>"diverging" for field data around 0, "grey" for images.</summary>
    [Parameter]
    public string ColorMap { get; set; } = "diverging";

    /// <summary>Dark mode, cascaded by the layout: the charts take the dark palette's text and grid colours.</summary>
    [CascadingParameter(Name = LabTheme.DarkMode)]
    public bool Dark { get; set; }

    private bool Is2D => Preview is { Shape.Height: > 1 };

    protected override void OnParametersSet()
    {
        if (_layoutDark != Dark)
        {
            var theme = ChartTheme.For(Dark);
            _histogramLayout = ChartStyle.Layout("pixel value x", "density", theme);
            _profileLayout = ChartStyle.Layout("distance d", "correlation", theme);
            _tracesLayout = ChartStyle.Layout("pixel", "x", theme, height: 180);
            _redraw = _layoutDark is not null;
            _layoutDark = Dark;
        }
        if (Preview is null || ReferenceEquals(Preview, _shown))
        {
            return;
        }
        _redraw = _shown is not null;
        _shown = Preview;
        _histogram = HistogramTraces(Preview.Marginal);
        _profile = ProfileTraces(Preview);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_redraw)
        {
            return;
        }
        _redraw = false;
        if (_histogramChart is not null)
        {
            await _histogramChart.React();
        }
        if (_profileChart is not null)
        {
            await _profileChart.React();
        }
    }

    /// <summary>The histogram as a density, and the Gaussian with the same mean and variance over it.</summary>
    public static IList<ITrace> HistogramTraces(MarginalHistogram marginal)
    {
        long total = Math.Max(1, marginal.Counts.Sum());
        var centres = new object[marginal.Counts.Length];
        var density = new object[marginal.Counts.Length];
        for (int i = 0; i < marginal.Counts.Length; i++)
        {
            double width = marginal.BinEdges[i + 1] - marginal.BinEdges[i];
            centres[i] = (marginal.BinEdges[i] + marginal.BinEdges[i + 1]) / 2;
            density[i] = marginal.Counts[i] / (total * width);
        }
        double lo = marginal.BinEdges[0], hi = marginal.BinEdges[^1], sd = Math.Sqrt(Math.Max(marginal.Variance, 1e-12));
        var xs = Enumerable.Range(0, 101).Select(i => lo + (hi - lo) * i / 100).ToArray();
        var gauss = xs.Select(x => Math.Exp(-(x - marginal.Mean) * (x - marginal.Mean) / (2 * sd * sd)) / (sd * Math.Sqrt(2 * Math.PI)));
        return
        [
            new Bar { Name = "samples", X = centres, Y = density, Opacity = 0.7m },
            new Scatter { Name = "Gaussian, same mean and variance", Mode = ModeFlag.Lines, X = [.. xs.Cast<object>()], Y = [.. gauss.Cast<object>()] },
        ];
    }

    public static IList<ITrace> ProfileTraces(DataPreview preview)
    {
        var traces = new List<ITrace>();
        foreach (var cls in preview.Classes)
        {
            var d = cls.Distances.Cast<object>().ToList();
            traces.Add(new Scatter { Name = $"class {cls.Label}, empirical", Mode = ModeFlag.Markers, X = d, Y = [.. cls.EmpiricalCorrelation.Cast<object>()] });
            if (cls.AnalyticCorrelation is { } analytic)
            {
                traces.Add(new Scatter { Name = $"class {cls.Label}, analytic", Mode = ModeFlag.Lines, X = d, Y = [.. analytic.Cast<object>()] });
            }
        }
        return traces;
    }

    private IList<ITrace> Traces(ClassPreview cls) =>
        [.. cls.Samples.Take(3).Select((s, i) => (ITrace)new Scatter
        {
            Name = $"sample {i + 1}",
            Mode = ModeFlag.Lines,
            X = [.. Enumerable.Range(0, s.Length).Cast<object>()],
            Y = [.. s.Select(v => (object)(double)v)],
        })];
}
