using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies;

/// <summary>Ready-made studies.</summary>
public static class StudyPresets
{
    public const string PaperComparison = "Paper comparison (Quick demo size)";

    /// <summary>
    /// The paper's comparison (Redman et al., arXiv 2412.06545) at the Quick demo's size: IMP on the NLGP against its
    /// Gaussian clone, one-shot, random pruning and random reinitialisation, 8 seeds of each.
    /// </summary>
    public static StudySpec Paper { get; } = new()
    {
        Name = PaperComparison,
        Seed = 1,
        Replicates = 8,
        Base = ExperimentPresets.Quick,
    };

    public static IReadOnlyDictionary<string, StudySpec> All { get; } = new Dictionary<string, StudySpec>(StringComparer.OrdinalIgnoreCase)
    {
        [PaperComparison] = Paper,
    };
}
