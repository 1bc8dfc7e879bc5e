using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>How a family reads in the families list: what kind it is, and how many of its runs are in each status.</summary>
public static class FamilyText
{
    public static string Describe(FamilyInfo family) =>
        family.Kind switch
        {
            FamilyKind.Sweep => $"sweep of {family.Field}",
            FamilyKind.Comparison => $"comparison of {family.Members.Count} runs",
            _ => "controls",
        };

    /// <summary>Statuses in the order runs pass through them, each with how many members have it.</summary>
    public static IEnumerable<(RunStatus Status, int Count)> StatusCounts(FamilyInfo family) =>
        family.Members.GroupBy(m => m.Run.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));
}
