using System.Net;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Runs;
using Microsoft.Extensions.Hosting;

namespace LocalityLab.Web.Tests.Studies;

/// <summary>Nothing a study computed is lost when it is cancelled or the server stops, and resuming gives the uninterrupted results.</summary>
public sealed class InterruptedStudyTests
{
    private static readonly StudySpec Study = StudiesApi.Small(replicates: 2, epochs: 4);

    [Fact]
    public async Task A_host_stopped_mid_study_restarts_with_it_interrupted_and_resume_finishes_with_the_uninterrupted_results()
    {
        string database = LabFactory.NewSqliteFile();
        Guid id;
        Dictionary<(StudyCondition, int), List<string>> reference;
        int storedBeforeStop;
        await using (var lab = new LabFactory(database))
        {
            reference = await StudiesApi.EngineAsync(lab, Study);
            var api = new StudiesApi(await lab.ClientAsync());
            id = await StoreUnstartedAsync(lab);
            // Hold the worker inside the announcement of IMP seed 1's round 1 (stored already) until the host begins to
            // stop, so the study is mid-way when the host stops however fast the machine is.
            var replicate = await ReplicateAsync(api, id, StudyCondition.Imp, 0);
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopping = lab.Service<IHostApplicationLifetime>().ApplicationStopping;
            using var hold = lab.Service<RunEvents>().Listen(replicate, new RunListener(roundCompleted: async round =>
            {
                if (round.Summary.Round >= 1 && held.TrySetResult())
                {
                    await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }));
            lab.Service<StudyQueue>().Wake(); // only now, with the hold in place, may the worker take the study
            await held.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var before = (await api.SnapshotAsync(id)).Study;
            storedBeforeStop = before.RoundsCompleted;
            // Both seeds' IMP round 0, also stored under the three branches, and IMP seed 1's round 1.
            Assert.InRange(storedBeforeStop, 2 * 4 + 1, before.TotalRounds - 1);
        } // the host stops here, mid-study

        await using (var lab = new LabFactory(database))
        {
            var api = new StudiesApi(await lab.ClientAsync());
            var after = await api.SnapshotAsync(id);
            Assert.Equal(RunStatus.Interrupted, after.Study.Status);
            Assert.Contains("Resume", after.Study.Error, StringComparison.Ordinal);
            Assert.Contains(after.Runs, r => r.Status == RunStatus.Interrupted);
            Assert.InRange(after.Study.RoundsCompleted, storedBeforeStop, after.Study.TotalRounds - 1);

            var resume = await api.PostAsync($"/api/studies/{id}/resume");
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
            var done = await api.WaitForAsync(id, RunStatus.Completed);

            Assert.Equal(done.Study.TotalRounds, done.Study.RoundsCompleted);
            await AssertStoredAsync(lab, done, reference);
        }
    }

    [Fact]
    public async Task A_cancelled_study_keeps_its_rounds_and_resumes_to_the_uninterrupted_results()
    {
        await using var lab = new LabFactory();
        var reference = await StudiesApi.EngineAsync(lab, Study);
        var api = new StudiesApi(await lab.ClientAsync());
        var id = await StoreUnstartedAsync(lab);
        var replicate = await ReplicateAsync(api, id, StudyCondition.Imp, 1);
        // Cancel while the worker announces IMP seed 2's round 0: it stops after the step it is in, keeping what is stored.
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hold = lab.Service<RunEvents>().Listen(replicate, new RunListener(roundCompleted: async round =>
        {
            if (round.Summary.Round == 0 && !cancelled.Task.IsCompleted)
            {
                cancelled.TrySetResult((await api.PostAsync($"/api/studies/{id}/cancel")).StatusCode == HttpStatusCode.Accepted);
            }
        }));
        // Only now, with the listener in place, may the worker take the study: round 0 cannot be announced unheard.
        lab.Service<StudyQueue>().Wake();
        Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        var stopped = await api.WaitForAsync(id, RunStatus.Cancelled);
        Assert.InRange(stopped.Study.RoundsCompleted, 2, stopped.Study.TotalRounds - 1);
        Assert.Contains(stopped.Runs, r => r.Status == RunStatus.Cancelled);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/studies/{id}/cancel")).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/studies/{id}/resume")).StatusCode);
        var done = await api.WaitForAsync(id, RunStatus.Completed);

        await AssertStoredAsync(lab, done, reference);
    }

    /// <summary>
    /// The study stored Queued as a submission stores it, but with no wake-up for the study worker (which waits for one),
    /// so a test can listen to its replicates before any round can be announced; the test wakes the worker itself.
    /// </summary>
    private static async Task<Guid> StoreUnstartedAsync(LabFactory lab) =>
        (await lab.Service<LocalityLab.Web.Studies.StudyStore>().CreateAsync(Study, "ada", CancellationToken.None)).Id;

    private static async Task<Guid> ReplicateAsync(StudiesApi api, Guid studyId, StudyCondition condition, int replicate) =>
        (await api.SnapshotAsync(studyId)).Runs.Single(r => r.Condition == condition && r.Replicate == replicate).RunId;

    private static async Task AssertStoredAsync(LabFactory lab, StudySnapshot done, Dictionary<(StudyCondition, int), List<string>> reference)
    {
        var runs = new RunsApi(await lab.ClientAsync());
        Assert.Equal(reference.Count, done.Runs.Count);
        foreach (var replicate in done.Runs)
        {
            Assert.Equal(RunStatus.Completed, replicate.Status);
            Assert.Equal(reference[(replicate.Condition, replicate.Replicate)], StudyServiceTests.Normalise(await runs.RoundsAsync(replicate.RunId)));
        }
    }
}
