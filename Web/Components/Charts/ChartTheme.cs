using LocalityLab.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace LocalityLab.Web.Components.Charts;

/// <summary>The colours a chart takes from the theme's light or dark palette, on a transparent background.</summary>
public sealed record ChartTheme(string Text, string Grid, string ZeroLine)
{
    public const string Transparent = "rgba(0,0,0,0)";

    public static ChartTheme Light { get; } = From(LabTheme.Theme.PaletteLight);

    public static ChartTheme Dark { get; } = From(LabTheme.Theme.PaletteDark);

    public static ChartTheme For(bool dark) => dark ? Dark : Light;

    private static ChartTheme From(Palette palette) => new(
        palette.TextSecondary.ToString(MudColorOutputFormats.RGBA),
        palette.TableLines.ToString(MudColorOutputFormats.RGBA),
        palette.Divider.ToString(MudColorOutputFormats.RGBA));
}
