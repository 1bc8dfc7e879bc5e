namespace LocalityLab.Web.Tests.Browser;

/// <summary>
/// Runs the browser fixture computed once on its lab, all Completed: two runs to compare (the first with several
/// pruning rounds, so its grid shows pruned inputs) and a two-member sweep family.
/// </summary>
public sealed record LabRuns(Guid Run, Guid Other, Guid Sweep)
{
    /// <summary>A page address with {run}, {other} and {sweep} replaced by these ids.</summary>
    public string Resolve(string path) => path
        .Replace("{run}", Run.ToString(), StringComparison.Ordinal)
        .Replace("{other}", Other.ToString(), StringComparison.Ordinal)
        .Replace("{sweep}", Sweep.ToString(), StringComparison.Ordinal);
}
