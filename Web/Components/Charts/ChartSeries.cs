namespace LocalityLab.Web.Components.Charts;

/// <summary>
/// One line of a chart; Low and High, when given, draw a band around it (e.g. the quartiles around a median). Colour
/// picks the palette entry, so one thing keeps one colour on every chart; by default the line's position. Points draws
/// markers with error bars instead of a line and band: for values measured at a few levels only (one-shot pruning),
/// where a line would claim the sparsities in between.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double?> Y,
    IReadOnlyList<double?>? Low = null, IReadOnlyList<double?>? High = null, bool Dashed = false, int? Colour = null, bool Points = false);

/// <summary>A few colours that stay apart on white and dark backgrounds; a band takes its line's colour, faded.</summary>
public static class ChartPalette
{
    private static readonly string[] Colours = ["31,119,180", "214,39,40", "44,160,44", "255,127,14", "148,103,189", "140,86,75", "227,119,194", "127,127,127"];

    /// <summary>How many colours there are before they repeat.</summary>
    public static int Count => Colours.Length;

    public static string Line(int index) => $"rgb({Colours[index % Colours.Length]})";

    public static string Band(int index) => $"rgba({Colours[index % Colours.Length]},0.18)";
}
