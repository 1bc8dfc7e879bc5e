namespace LocalityLab.Shared.Studies;

/// <summary>
/// One measure of one condition at one round over the replicates: the mean with its 95% t-interval, and the
/// per-replicate values a chart draws under the band.
/// </summary>
/// <param name="Mean">Null when no replicate has a value.</param>
/// <param name="Low">Lower end of the 95% t-interval of the mean; null when <paramref name="N"/> &lt; 2.</param>
/// <param name="High">Upper end of the 95% t-interval of the mean; null when <paramref name="N"/> &lt; 2.</param>
/// <param name="N">Replicates with a finite value.</param>
/// <param name="Values">Indexed by replicate; null where the replicate has no value.</param>
public sealed record MeasureBand(
    StudyCondition Condition, string Measure, int Round, double? Mean, double? Low, double? High, int N, double?[] Values);
