using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>The runs list's filter: one status (or all) and a case-insensitive part of the name.</summary>
public static class RunFilter
{
    public static IEnumerable<RunInfo> Apply(IEnumerable<RunInfo> runs, RunStatus? status, string? search) =>
        runs.Where(r => (status is null || r.Status == status)
            && (string.IsNullOrWhiteSpace(search) || r.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)));
}
