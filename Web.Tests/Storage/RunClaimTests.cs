using LocalityLab.Shared.Runs;
using LocalityLab.Web.Tests.Components;

namespace LocalityLab.Web.Tests.Storage;

/// <summary>
/// The store's fencing of remote workers' claims: a newer claim voids the older, a void claim stores and ends nothing,
/// a round is stored once however often it is sent, and a round cannot skip ahead.
/// </summary>
public sealed class RunClaimTests : IAsyncLifetime
{
    private readonly PageLab _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    [Fact]
    public async Task A_newer_claim_voids_the_older_and_each_round_is_stored_once()
    {
        var store = _lab.Store;
        var id = await _lab.RunAsync("claimed", RunStatus.Queued, rounds: 2);

        var first = (await store.ClaimAsync(id, "worker-a (cpu)", "1.0.0+test", CancellationToken.None))!.Value;
        Assert.True(await store.HoldsAsync(id, first, CancellationToken.None));
        Assert.True(await store.SaveClaimedRoundAsync(id, first, PageLab.Round(0), CancellationToken.None));
        Assert.True(await store.SaveClaimedRoundAsync(id, first, PageLab.Round(0), CancellationToken.None)); // a retried request
        Assert.False(await store.SaveClaimedRoundAsync(id, first, PageLab.Round(2), CancellationToken.None)); // skips round 1

        // The lease ran out: another worker takes the same run; the first worker's claim is void.
        var second = (await store.ClaimAsync(id, "worker-b (cpu)", "1.0.0+worker-b-build", CancellationToken.None))!.Value;
        Assert.NotEqual(first, second);
        Assert.False(await store.HoldsAsync(id, first, CancellationToken.None));
        Assert.False(await store.SaveClaimedRoundAsync(id, first, PageLab.Round(1), CancellationToken.None));
        Assert.False(await store.EndClaimAsync(id, first, RunStatus.Failed, "stale", CancellationToken.None));
        Assert.True(await store.SaveClaimedRoundAsync(id, second, PageLab.Round(1), CancellationToken.None));
        Assert.True(await store.SaveClaimedRoundAsync(id, second, PageLab.Round(2), CancellationToken.None));
        Assert.True(await store.EndClaimAsync(id, second, RunStatus.Completed, null, CancellationToken.None));

        var run = (await store.InfoAsync(id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal("worker-b (cpu)", run.ComputedOn);
        Assert.Equal("1.0.0+worker-b-build", run.ComputedBy); // the worker's build, not the web app's that stored the rounds
        Assert.Equal([0, 1, 2], (await store.RoundsAsync(id, withArrays: false, CancellationToken.None)).Select(r => r.Round));
        Assert.Null(await store.ClaimAsync(id, "worker-a (cpu)", "1.0.0+test", CancellationToken.None)); // ended: nothing to claim
    }

    [Fact]
    public async Task Cancelling_a_remotely_computed_run_voids_its_claim_and_a_handed_back_run_is_queued_again()
    {
        var store = _lab.Store;
        var cancelled = await _lab.RunAsync("cancelled", RunStatus.Queued);
        var claim = (await store.ClaimAsync(cancelled, "worker-a (cpu)", "1.0.0+test", CancellationToken.None))!.Value;
        Assert.True(await store.TransitionAsync(cancelled, [RunStatus.Running], RunStatus.Cancelled, null, CancellationToken.None));
        Assert.False(await store.HoldsAsync(cancelled, claim, CancellationToken.None));
        Assert.False(await store.SaveClaimedRoundAsync(cancelled, claim, PageLab.Round(0), CancellationToken.None));

        var handedBack = await _lab.RunAsync("handed back", RunStatus.Queued, seed: 2);
        var held = (await store.ClaimAsync(handedBack, "worker-a (cpu)", "1.0.0+test", CancellationToken.None))!.Value;
        Assert.True(await store.EndClaimAsync(handedBack, held, RunStatus.Queued, null, CancellationToken.None));
        Assert.Equal(RunStatus.Queued, (await store.InfoAsync(handedBack, CancellationToken.None))!.Status);
        Assert.NotNull(await store.ClaimAsync(handedBack, "worker-b (cpu)", "1.0.0+test", CancellationToken.None));
    }
}
