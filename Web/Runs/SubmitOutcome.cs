using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Web.Runs;

/// <summary>What submitting a spec did: queued a new run, found the same spec already computed, or refused it.</summary>
public sealed record SubmitOutcome(RunInfo? Run, bool AlreadyComputed, IReadOnlyList<ValidationError> Errors)
{
    public bool Accepted => Errors.Count == 0;
}
