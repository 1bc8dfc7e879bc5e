using MudBlazor;

namespace LocalityLab.Web.Components.Layout;

/// <summary>The one MudBlazor theme: the layout paints with it and the charts take their colours from it.</summary>
public static class LabTheme
{
    /// <summary>
    /// MudBlazor's palettes with the colours that fell short of WCAG 2.1 AA (4.5:1 for text) replaced: in light mode
    /// darker success, error, warning and info, so white text on them and they as text on white both pass; in dark mode
    /// lighter ones with dark text on them (no single violet passes both as text on the dark surfaces and under white
    /// text), and secondary text at 60 % white instead of 50 %. The layout suite measures every page in both modes.
    /// </summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2E7D32",
            Error = "#D32F2F",
            Warning = "#B35C00",
            Info = "#0277BD",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#A59CF7",
            PrimaryContrastText = OnLight,
            Success = "#4CC38A",
            SuccessContrastText = OnLight,
            Error = "#FF8A80",
            ErrorContrastText = OnLight,
            Warning = "#FFB74D",
            WarningContrastText = OnLight,
            Info = "#64B5F6",
            InfoContrastText = OnLight,
            TextSecondary = "rgba(255,255,255,0.6)",
        },
    };

    /// <summary>Text on the dark palette's light colours (its own background colour).</summary>
    private const string OnLight = "#1a1a27";

    /// <summary>The name under which MainLayout cascades whether dark mode is on.</summary>
    public const string DarkMode = "DarkMode";

    /// <summary>The name under which Routes cascades the member's remembered choice, read from <see cref="Cookie"/>.</summary>
    public const string InitialDarkMode = "InitialDarkMode";

    /// <summary>The cookie that remembers the choice ("dark" or "light"), written by wwwroot/js/theme.js.</summary>
    public const string Cookie = "LocalityLab.Theme";
}
