using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Storage;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Tests.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Tests.Storage;

/// <summary>The same code on a real PostgreSQL server: migrations apply, a run streams and its rounds are stored.</summary>
public sealed class PostgresStorageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_run_completes_and_its_rounds_are_stored_in_postgresql()
    {
        await using var lab = new LabFactory(postgres.ConnectionString);
        var api = new RunsApi(await lab.ClientAsync());

        var (_, run, _) = await api.SubmitAsync(LabFactory.Spec(seed: 31));
        var done = await api.WaitForAsync(run!.Id, RunStatus.Completed, RunStatus.Failed);

        Assert.Equal(StorageProvider.Postgres, lab.Service<IOptions<StorageOptions>>().Value.Provider);
        Assert.Equal((RunStatus.Completed, 4), (done.Status, done.RoundsCompleted));
        var rounds = await api.RoundsAsync(run.Id);
        Assert.Equal([0, 1, 2, 3], rounds.Select(r => r.Round));
        var checkpoint = await lab.Service<RunStore>().LastCheckpointAsync(run.Id, CancellationToken.None);
        Assert.Equal(3, checkpoint!.Round);
    }

    /// <summary>
    /// Two workers store rounds of different runs at the same moments, as on a lab with several workers: every round
    /// is taken (the claim's fence is a row lock on its own run, not a serializable transaction that PostgreSQL may
    /// refuse when another run's round goes into the same table).
    /// </summary>
    [Fact]
    public async Task Workers_storing_rounds_of_different_runs_at_once_are_each_taken()
    {
        await using var lab = new LabFactory(postgres.ConnectionString);
        lab.StartServer();
        var store = lab.Service<RunStore>();
        var claims = new List<(Guid Run, Guid Claim)>();
        for (int i = 0; i < 4; i++)
        {
            var run = await store.CreateAsync(Components.PageLab.Spec($"concurrent {i}", rounds: 24, seed: 400 + i), "ada", CancellationToken.None);
            claims.Add((run.Id, (await store.ClaimAsync(run.Id, $"worker-{i} (cpu)", "1.0.0+test", CancellationToken.None))!.Value));
        }

        for (int round = 0; round <= 24; round++)
        {
            int n = round;
            var stored = await Task.WhenAll(claims.Select(c => store.SaveClaimedRoundAsync(c.Run, c.Claim, Components.PageLab.Round(n), CancellationToken.None)));
            Assert.All(stored, Assert.True);
        }
        foreach (var (run, _) in claims)
        {
            Assert.Equal(Enumerable.Range(0, 25), (await store.RoundsAsync(run, withArrays: false, CancellationToken.None)).Select(r => r.Round));
        }
    }

    /// <summary>
    /// A dispatch mark is taken by one of two instances sweeping at once and cleared once dispatched, on PostgreSQL too,
    /// whose timestamps keep microseconds where .NET keeps ticks (a take compares the mark as read back).
    /// </summary>
    [Fact]
    public async Task A_dispatch_mark_is_taken_once_by_concurrent_sweeps_and_cleared_when_dispatched()
    {
        await using var lab = new LabFactory(postgres.ConnectionString);
        lab.StartServer();
        var run = await lab.Service<RunStore>().CreateAsync(LabFactory.Spec(seed: 41), "ada", CancellationToken.None);
        var marks = lab.Service<DispatchMarks>();
        await using (var db = await lab.Service<IDbContextFactory<LabDbContext>>().CreateDbContextAsync())
        {
            // stored an hour ago by a web process that stopped before it dispatched the run
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.UndispatchedSince, run.CreatedAt.AddHours(-1)));
        }

        var takes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => marks.TakeOverdueAsync<RunRecord>(TimeSpan.FromMinutes(1), CancellationToken.None)));
        Assert.Single(takes.SelectMany(t => t), id => id == run.Id);
        var retaken = await marks.TakeOverdueAsync<RunRecord>(TimeSpan.Zero, CancellationToken.None);
        Assert.Contains(run.Id, retaken); // its taker's mark, read back, is found again (a taker that stopped leaves it to the next)

        await marks.DispatchedAsync<RunRecord>(run.Id, CancellationToken.None);

        Assert.DoesNotContain(run.Id, await marks.TakeOverdueAsync<RunRecord>(TimeSpan.Zero, CancellationToken.None));
        Assert.Null((await lab.Service<RunStore>().FindAsync(run.Id, CancellationToken.None))!.UndispatchedSince);
    }
}
