using LocalityLab.Shared.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Storage;

/// <summary>Runs stored under an older identity (the hash of the whole spec) stay findable after the store starts.</summary>
public sealed class RunStoreIdentityTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task Starting_re_keys_runs_stored_under_an_older_identity_so_the_same_spec_finds_them()
    {
        var spec = PageLab.Spec("old run");
        var id = await _lab.RunAsync("old run", RunStatus.Completed);
        var contexts = _lab.Context.Services.GetRequiredService<IDbContextFactory<LabDbContext>>();
        const string older = "0000000000000000000000000000000000000000000000000000000000000000";
        var unreadable = await _lab.RunAsync("unreadable", RunStatus.Completed, seed: 2);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.SpecHash, older));
            // A spec today's parser refuses (a field since removed): it must not stop the start.
            await db.Runs.Where(r => r.Id == unreadable).ExecuteUpdateAsync(u => u.SetProperty(r => r.SpecJson, "{\"retiredField\": 1}"));
        }
        Assert.Null(await _lab.Store.FindReusableAsync(spec.Identity, CancellationToken.None));

        await _lab.Store.MigrateAsync(CancellationToken.None);

        Assert.Equal(id, (await _lab.Store.FindReusableAsync(spec.Identity, CancellationToken.None))?.Id);
        Assert.Equal(spec.Identity, (await _lab.Store.InfoAsync(id, CancellationToken.None))!.SpecHash);
        Assert.Equal(PageLab.Spec("unreadable", seed: 2).Identity, (await _lab.Store.InfoAsync(unreadable, CancellationToken.None))!.SpecHash);
    }
}
