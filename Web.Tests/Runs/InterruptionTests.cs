using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using Microsoft.EntityFrameworkCore;

namespace LocalityLab.Web.Tests.Runs;

/// <summary>
/// What a start-up finds left Running by a process that died: a run or study with rounds still to compute is
/// Interrupted with the lab's one notice of it, one whose every round is stored is Completed; both end now.
/// </summary>
public sealed class InterruptionTests
{
    [Fact]
    public async Task Runs_and_studies_left_running_end_interrupted_with_the_notice_or_completed_when_every_round_is_stored()
    {
        await using var lab = new LabFactory();
        _ = lab.Server; // starts the host, which migrates the database (and finds nothing left Running)
        var before = DateTimeOffset.UtcNow;
        var contexts = lab.Service<IDbContextFactory<LabDbContext>>();
        RunRecord Run(int done) => new()
        {
            Name = $"run {done}",
            Owner = "ada",
            SpecJson = "{}",
            SpecHash = $"h{done}",
            DataSummary = "d",
            Status = RunStatus.Running,
            RoundsCompleted = done,
            TotalRounds = 3,
            Claim = Guid.NewGuid(),
        };
        StudyRecord Study(int done) => new()
        {
            Name = $"study {done}",
            Owner = "ada",
            SpecJson = "{}",
            Identity = $"i{done}",
            Status = RunStatus.Running,
            RoundsCompleted = done,
            TotalRounds = 3,
        };
        RunRecord[] runs = [Run(1), Run(3)];
        StudyRecord[] studies = [Study(2), Study(3)];
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Runs.AddRange(runs);
            db.Studies.AddRange(studies);
            await db.SaveChangesAsync();
        }

        int interruptedRuns = await lab.Service<RunStore>().MarkInterruptedAsync(CancellationToken.None);
        int interruptedStudies = await lab.Service<StudyStore>().MarkInterruptedAsync(CancellationToken.None);

        Assert.Equal((1, 1), (interruptedRuns, interruptedStudies));
        await using var read = await contexts.CreateDbContextAsync();
        var storedRuns = await read.Runs.AsNoTracking().Where(r => r.Owner == "ada").OrderBy(r => r.RoundsCompleted).ToListAsync();
        var storedStudies = await read.Studies.AsNoTracking().Where(s => s.Owner == "ada").OrderBy(s => s.RoundsCompleted).ToListAsync();
        Assert.Equal([(RunStatus.Interrupted, Interruption.OfRun), (RunStatus.Completed, null)],
            storedRuns.Select(r => (r.Status, r.Error)));
        Assert.Equal([(RunStatus.Interrupted, Interruption.OfStudy), (RunStatus.Completed, null)],
            storedStudies.Select(s => (s.Status, s.Error)));
        Assert.All(storedRuns, r => Assert.Null(r.Claim)); // a worker still computing one finds its claim void
        Assert.All(storedRuns.Select(r => r.FinishedAt).Concat(storedStudies.Select(s => s.FinishedAt)),
            finished => Assert.True(finished >= before));
    }
}
