using MudBlazor;

namespace LocalityLab.Web.Components.Layout;

/// <summary>The one MudBlazor theme: the layout paints with it and the charts take their colours from it.</summary>
public static class LabTheme
{
    public static MudTheme Theme { get; } = new();

    /// <summary>The name under which MainLayout cascades whether dark mode is on.</summary>
    public const string DarkMode = "DarkMode";
}
