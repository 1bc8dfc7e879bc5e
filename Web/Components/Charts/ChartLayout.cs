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
    /// <param name="xs">The x values drawn: a single level gets a range of its own instead of plotly's -1 to 1 around it.</param>
    /// <param name="ys">The y values drawn: a log axis within one decade gets plotly's own ticks, which label it.</param>
    /// <param name="xFloor">The least x that means anything (0 for sparsity), or null when x can be negative.</param>
    public static Plotly.Blazor.Layout Create(string? xTitle, string? yTitle, int height, ChartTheme theme, bool logY = false, double? xStep = null,
        string? title = null, double? markX = null, bool logX = false, IEnumerable<double>? xs = null, IEnumerable<double?>? ys = null,
        double? xFloor = null)
    {
        var yLines = WrapAxisTitle(yTitle ?? "", PlotHeight(height));
        return new()
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
            // Each further line of the y title takes a line's height more on the left.
            Margin = new Margin { L = 56 + (TitleLineHeight * (yLines.Count - 1)), R = 16, T = title is null ? 8 : 48, B = 44 },
            Font = new Font { Color = theme.Text },
            XAxis = [new XAxis
        {
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle ?? "" },
            Type = logX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
            // Plain numbers: plotly's SI suffixes wrote a tick of -0.0005 as "-500μ".
            TickFormat = "~g",
            Range = logX ? null : SingleLevelRange(xs, xFloor),
            TickMode = xStep is null ? Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Auto : Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Linear,
            Tick0 = xStep is null ? null : 0,
            DTick = xStep,
            GridColor = theme.Grid,
            ZeroLineColor = theme.ZeroLine,
            LineColor = theme.ZeroLine,
        }],
            YAxis = [new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = string.Join("<br>", yLines) },
            // Long tick labels (0.00312) push the margin out rather than onto the axis title.
            AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
            Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
            // A log axis labels its decades and the 2s and 5s between them, as plain numbers (not "3m", "4m", ...).
            // Within one decade there may be no 1, 2 or 5 to label at all; plotly's own ticks then label the values.
            DTick = logY && SpansLabelledLogTicks(ys) ? "D2" : null,
            // Plain numbers on either scale: plotly's SI suffixes write 0.0005 as "500μ".
            TickFormat = "~g",
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

    /// <summary>A line of an axis title, in px (plotly's 14 px title font).</summary>
    private const int TitleLineHeight = 17;

    /// <summary>What an average character of the axis-title font takes, in px, erring long.</summary>
    private const double TitleCharWidth = 7.5;

    /// <summary>The height the y axis spans: the chart's less the margins and a row of legend above the plot.</summary>
    public static double PlotHeight(int height) => height - 8 - 44 - 24;

    /// <summary>
    /// The y title's lines: one while it fits along the axis, else broken between words so no line is longer than the
    /// axis (plotly centres a rotated title on the axis and clips whatever sticks out of the chart, at both ends).
    /// </summary>
    public static IReadOnlyList<string> WrapAxisTitle(string text, double length)
    {
        int perLine = Math.Max(8, (int)(length / TitleCharWidth));
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>Whether [min, max] of the positive values holds at least two of the 1, 2 and 5 times a power of ten a "D2" log axis labels.</summary>
    public static bool SpansLabelledLogTicks(IEnumerable<double?>? values)
    {
        var positive = (values ?? []).OfType<double>().Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0)
        {
            return true; // nothing drawn: plotly's empty axis either way
        }
        double min = positive.Min(), max = positive.Max();
        int labelled = 0;
        for (var decade = Math.Floor(Math.Log10(min)); decade <= Math.Ceiling(Math.Log10(max)); decade++)
        {
            foreach (var mantissa in (ReadOnlySpan<double>)[1, 2, 5])
            {
                var tick = mantissa * Math.Pow(10, decade);
                if (tick >= min * (1 - 1e-12) && tick <= max * (1 + 1e-12))
                {
                    labelled++;
                }
            }
        }
        return labelled >= 2;
    }

    /// <summary>
    /// The x range when every point sits at one x (a study stopped at round 0: every condition at sparsity 0): two units
    /// wide from the floor (or one below the level), never below the floor; null (plotly's own) otherwise.
    /// </summary>
    public static object[]? SingleLevelRange(IEnumerable<double>? xs, double? floor)
    {
        var levels = (xs ?? []).Where(double.IsFinite).Distinct().ToList();
        if (levels.Count != 1)
        {
            return null;
        }
        var low = Math.Max(floor ?? double.NegativeInfinity, levels[0] - 1);
        return [low, low + 2];
    }
}
