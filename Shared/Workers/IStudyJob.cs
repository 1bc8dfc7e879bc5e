using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// A remote worker's share of a study: one condition's replicates, trained together (Compute:Workers = Remote). A
/// study's trunks (IMP, the Gaussian clone) are jobs of their own, taken by different workers at once; the controls
/// that branch off IMP follow its job (a continuation). Held under the worker's lease as a run's job is.
/// </summary>
public interface IStudyJob
{
    Task RunAsync(Guid studyId, StudyCondition condition, CancellationToken cancellationToken);
}
