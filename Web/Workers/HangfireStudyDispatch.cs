using Hangfire;
using LocalityLab.Shared.Studies;
using LocalityLab.Shared.Workers;
using LocalityLab.Web.Studies;

namespace LocalityLab.Web.Workers;

/// <summary>
/// With remote workers, a queued study is one job per condition: the trunks (IMP, the Gaussian clone) at once, so free
/// workers take them side by side, and each control that branches off a trunk as a continuation of that trunk's job
/// (the job engine starts it when the trunk's job has succeeded, on whichever worker is free).
/// </summary>
public sealed class HangfireStudyDispatch(IBackgroundJobClient jobs, StudyStore store) : IStudyDispatch
{
    public async Task QueuedAsync(Guid studyId, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(studyId, cancellationToken) ?? throw new InvalidOperationException($"There is no study {studyId}.");
        var conditions = StudyStore.ReadSpec(record).Conditions;
        var trunks = new Dictionary<StudyCondition, string>();
        foreach (var trunk in conditions.Where(c => !c.Describe().BranchesOffImp))
        {
            trunks[trunk] = jobs.Enqueue<IStudyJob>(job => job.RunAsync(studyId, trunk, CancellationToken.None));
        }
        foreach (var branch in conditions.Where(c => c.Describe().BranchesOffImp))
        {
            jobs.ContinueJobWith<IStudyJob>(trunks[StudyCondition.Imp], job => job.RunAsync(studyId, branch, CancellationToken.None));
        }
    }
}
