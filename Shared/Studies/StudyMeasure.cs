using LocalityLab.Shared.Results;

namespace LocalityLab.Shared.Studies;

/// <summary>
/// A scalar a study records per replicate and round, said once: its key (in <see cref="StudyObservation.Values"/>,
/// summary.json, summary.csv and the band list), how a round gives it, and how the study page charts it. The study
/// statistics band every registered measure (<see cref="StudyMeasures"/>).
/// </summary>
/// <param name="Key">camelCase, the same in every file.</param>
/// <param name="Title">The chart's title on the study page.</param>
/// <param name="Axis">The chart's y axis: the quantity and its unit.</param>
/// <param name="Of">The measure of one replicate's round; NaN where the round did not measure it.</param>
public sealed record StudyMeasure(string Key, string Title, string Axis, Func<RoundResult, double> Of)
{
    /// <summary>Where the study page charts it, 1 first; null where it does not (sparsity: the charts' x axis).</summary>
    public int? Chart { get; init; }
}
