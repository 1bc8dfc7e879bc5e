using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Studies.Conditions;

/// <summary>One magnitude pruning step from IMP's trained round 0 straight to IMP's final sparsity, then one retraining.</summary>
internal sealed class OneShotCondition : StudyConditionDescriptor
{
    public override string Key => "oneShot";

    public override string Label => "One-shot";

    public override ConditionStart Start => ConditionStart.BranchOffImp;

    public override IReadOnlyList<string> Claims => [StudyClaimIds.C2Ngi, StudyClaimIds.C2Kurtosis];

    /// <summary>It reaches IMP's final sparsity in its round 1: matched sparsity, not matched round.</summary>
    public override ClaimMatching Matching => ClaimMatching.FinalSparsity;

    public override ExperimentSpec Apply(ExperimentSpec replicate) =>
        replicate with { Pruning = replicate.Pruning with { Control = PruningControl.OneShot } };

    public override bool Describes(ExperimentSpec spec) => spec.Pruning.Control == PruningControl.OneShot;

    public override IEnumerable<ValidationError> Check(ExperimentSpec baseSpec)
    {
        if (baseSpec.Pruning is { Rounds: 0 })
        {
            yield return new("Base.Pruning.Rounds", "Base.Pruning.Rounds must be in [1, 50] when the conditions include oneShot; got 0.");
        }
    }
}
