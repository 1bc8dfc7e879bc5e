namespace LocalityLab.Web.Tests.Browser;

/// <summary>
/// What the browser fixture computed once on its lab, all Completed: two runs to compare (the first with several
/// pruning rounds, so its grid shows pruned inputs), a two-member sweep family, a one-seed study of two conditions,
/// and share links to the first run, the sweep and the study.
/// </summary>
public sealed record LabRuns(Guid Run, Guid Other, Guid Sweep, Guid Study, string RunLink, string SweepLink, string StudyLink)
{
    /// <summary>A page address with {run}, {other}, {sweep}, {study} and the links' tokens ({runLink}...) replaced.</summary>
    public string Resolve(string path) => path
        .Replace("{runLink}", RunLink, StringComparison.Ordinal)
        .Replace("{sweepLink}", SweepLink, StringComparison.Ordinal)
        .Replace("{studyLink}", StudyLink, StringComparison.Ordinal)
        .Replace("{run}", Run.ToString(), StringComparison.Ordinal)
        .Replace("{other}", Other.ToString(), StringComparison.Ordinal)
        .Replace("{sweep}", Sweep.ToString(), StringComparison.Ordinal)
        .Replace("{study}", Study.ToString(), StringComparison.Ordinal);
}
