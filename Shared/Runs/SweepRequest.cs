using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Runs;

/// <summary>Queue one run per value of Field (one of SweepFields.Names), the rest of Spec unchanged.</summary>
public sealed record SweepRequest(ExperimentSpec Spec, string Field, double[] Values);
