using System.Globalization;
using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Studies;

/// <summary>Ready-made studies: the paper's comparison in the paper's regime, and a fast smoke test of the same design.</summary>
public static class StudyPresets
{
    public const string PaperComparison = "Paper comparison";
    public const string SmokeTestName = "Smoke test (Quick demo size)";

    /// <summary>
    /// The paper's comparison (Redman et al., arXiv 2412.06545) in its regime: a 2D NLGP with a strong class contrast in
    /// correlation length and a moderate gain, IMP against its Gaussian clone, one-shot, random pruning and random
    /// reinitialisation, 12 seeds of each (8 left C1 at the top round on the edge of resolved). docs/SCIENCE.md gives the
    /// study that chose it and its claims table.
    /// </summary>
    public static StudySpec Paper { get; } = new()
    {
        Name = PaperComparison,
        Seed = 1,
        Replicates = 12,
        Base = ExperimentPresets.Quick with
        {
            Name = PaperComparison,
            Data = ExperimentPresets.Quick.Data with { CorrelationLengths = [1, 4], Gain = 3 },
            Pruning = ExperimentPresets.Quick.Pruning with { Rounds = 8 },
        },
    };

    /// <summary>
    /// The same design at the Quick demo's size (g = 10, xi = (1, 2)): a smoke test that the pipeline runs end to end in a
    /// few minutes, not a regime that decides the claims (its C1 is not resolved or contradicted).
    /// </summary>
    public static StudySpec SmokeTest { get; } = new()
    {
        Name = SmokeTestName,
        Seed = 1,
        Replicates = 8,
        Base = ExperimentPresets.Quick,
    };

    public static IReadOnlyDictionary<string, StudySpec> All { get; } = new Dictionary<string, StudySpec>(StringComparer.OrdinalIgnoreCase)
    {
        [PaperComparison] = Paper,
        [SmokeTestName] = SmokeTest,
    };

    /// <summary>One line of what a study is: seeds, conditions, data, network and schedule ("presets" prints it).</summary>
    public static string Describe(StudySpec study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var spec = study.Base;
        var data = spec.Data;
        string lengths = string.Join(", ", data.CorrelationLengths.Select(x => x.ToString(CultureInfo.InvariantCulture)));
        string samples = data.TrainingSamples == 0 ? "online" : $"{data.TrainingSamples.ToString("N0", CultureInfo.InvariantCulture)} samples";
        return string.Create(CultureInfo.InvariantCulture,
            $"{study.Replicates} seeds x {string.Join(", ", study.Conditions.Select(c => c.Key))}; {data.Source} {data.Geometry} "
            + $"size {data.Size}, xi = ({lengths}), g = {data.Gain}; K = {spec.Model.HiddenUnits} {spec.Model.Activation}; {samples}, "
            + $"{spec.Training.Epochs} epochs; {spec.Pruning.Rounds} rounds of {100 * spec.Pruning.FractionPerRound:0.#}%");
    }
}
