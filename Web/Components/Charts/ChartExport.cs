namespace LocalityLab.Web.Components.Charts;

/// <summary>How a saved chart is named: after what the page shows (cascaded as <see cref="Subject"/>) and the chart's title.</summary>
public static class ChartExport
{
    /// <summary>The cascading value's name: a run's or study's name, "comparison", ...</summary>
    public const string Subject = "ChartExportSubject";

    public static string FileName(string? subject, string? title) =>
        LocalityLab.Web.Runs.RunFileNames.Slug(string.Join(' ', new[] { subject, title ?? "chart" }.Where(p => !string.IsNullOrWhiteSpace(p))));
}
