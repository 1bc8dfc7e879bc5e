using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Tests.Runs;
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
}
