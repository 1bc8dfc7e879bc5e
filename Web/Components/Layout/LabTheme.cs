using MudBlazor;

namespace LocalityLab.Web.Components.Layout;

/// <summary>The one MudBlazor theme: the layout paints with it and the charts take their colours from it.</summary>
public static class LabTheme
{
    public static MudTheme Theme { get; } = new();

    /// <summary>The name under which MainLayout cascades whether dark mode is on.</summary>
    public const string DarkMode = "DarkMode";

    /// <summary>The name under which Routes cascades the member's remembered choice, read from <see cref="Cookie"/>.</summary>
    public const string InitialDarkMode = "InitialDarkMode";

    /// <summary>The cookie that remembers the choice ("dark" or "light"), written by wwwroot/js/theme.js.</summary>
    public const string Cookie = "LocalityLab.Theme";
}
