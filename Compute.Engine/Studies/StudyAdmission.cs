using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// Decides whether this server takes a study: the study's own validation, every condition's replicate through the run
/// admission (errors under "Base."), then Compute:Limits on the whole study's estimate.
/// </summary>
internal sealed class StudyAdmission(ExperimentAdmission runs, IOptions<ComputeOptions> options)
{
    public IReadOnlyList<ValidationError> Check(StudySpec? study)
    {
        var errors = StudySpecValidator.Validate(study);
        if (errors.Count > 0 || study is null)
        {
            return errors;
        }
        var found = study.Conditions
            .SelectMany(c => runs.Check(study.ReplicateSpec(c, 0) with { Pruning = study.Base.Pruning }))
            .DistinctBy(e => e.Field + e.Message)
            .Select(e => e with { Field = $"Base.{e.Field}" })
            .ToList();
        if (found.Count > 0)
        {
            return found;
        }
        var estimate = Estimate(study);
        var limits = options.Value.Limits;
        if (estimate.PeakMemoryMegabytes > limits.MaxMemoryMegabytes)
        {
            found.Add(new("Replicates", $"{study.Replicates} replicates trained together need an estimated {estimate.PeakMemoryMegabytes:N0} MB; "
                + $"this server allows at most {limits.MaxMemoryMegabytes:N0} MB (Compute:Limits:MaxMemoryMegabytes). Use fewer replicates or a smaller experiment."));
        }
        if (estimate.Seconds / 60 > limits.MaxEstimatedMinutes)
        {
            found.Add(new("Replicates", $"The study would take at most an estimated {estimate.Seconds / 60:N0} minutes; this server allows at most "
                + $"{limits.MaxEstimatedMinutes:N0} (Compute:Limits:MaxEstimatedMinutes). Use fewer replicates or conditions, or a shorter experiment."));
        }
        return found;
    }

    /// <summary>
    /// The whole study, on the high side: memory of one condition's R replicates held at once (they train stacked) in
    /// one process,
    /// time as if every replicate ran alone (batching makes it faster; BENCHMARKS.md, "Studies"), without the round 0
    /// that branches take from IMP instead of training.
    /// </summary>
    public static ResourceEstimate Estimate(StudySpec study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var perCondition = study.Conditions.Select(c =>
        {
            var spec = study.ReplicateSpec(c, 0);
            var one = ResourceEstimator.Estimate(spec);
            int trained = c.Describe().BranchesOffImp ? spec.RoundCount - 1 : spec.RoundCount;
            double share = (double)trained / spec.RoundCount;
            return (One: one, Steps: (long)Math.Round(one.TotalSteps * share) * study.Replicates, Seconds: one.Seconds * share * study.Replicates);
        }).ToList();
        var first = perCondition[0].One;
        return new ResourceEstimate(
            first.Inputs,
            first.Parameters * study.Replicates,
            perCondition.Sum(c => c.Steps),
            ResourceEstimator.ProcessBaselineBytes
                + perCondition.Max(c => c.One.PeakMemoryBytes - ResourceEstimator.ProcessBaselineBytes) * study.Replicates,
            perCondition.Sum(c => c.Seconds));
    }
}
