using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Studies.Conditions;

/// <summary>IMP on the Gaussian clone of the data (same mean and covariance): its own trunk, with the same seed, so the same initialisation.</summary>
internal sealed class GaussianCloneCondition : StudyConditionDescriptor
{
    public override string Key => "gaussianClone";

    public override string Label => "Gaussian clone";

    public override IReadOnlyList<string> Claims =>
        [StudyClaimIds.C1, StudyClaimIds.C1Spread, StudyClaimIds.C2Ngi, StudyClaimIds.C2Kurtosis];

    public override ExperimentSpec Apply(ExperimentSpec replicate) =>
        replicate with { Data = replicate.Data with { Source = DataSource.GaussianClone } };

    public override bool Describes(ExperimentSpec spec) => spec.Data.Source == DataSource.GaussianClone;

    public override IEnumerable<ValidationError> Check(ExperimentSpec baseSpec)
    {
        if (baseSpec.Data is { } data && data.Source != DataSource.Nlgp)
        {
            yield return new("Base.Data.Source",
                $"Base.Data.Source must be nlgp when the conditions include gaussianClone (the clone of an NLGP); got {baseSpec.Data.Source}.");
        }
    }
}
