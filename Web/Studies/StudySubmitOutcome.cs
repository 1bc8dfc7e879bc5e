using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Web.Studies;

/// <summary>What submitting a study did: queued it, found the same study already computed, or refused it.</summary>
public sealed record StudySubmitOutcome(StudyInfo? Study, bool AlreadyComputed, IReadOnlyList<ValidationError> Errors)
{
    public bool Accepted => Errors.Count == 0;
}
