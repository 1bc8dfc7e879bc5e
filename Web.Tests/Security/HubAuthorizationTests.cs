using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LocalityLab.Web.Tests.Security;

/// <summary>The experiment hub's methods against every caller: connect, Subscribe, Unsubscribe, Cancel.</summary>
public sealed class HubAuthorizationTests(MatrixLab fixture) : IClassFixture<MatrixLab>
{
    [Fact]
    public async Task An_anonymous_caller_cannot_connect()
    {
        await using var hub = fixture.Lab.Hub(await fixture.ClientAsync(Caller.Anonymous, fixture.CompletedRun));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(Caller.ShareToken)]
    [InlineData(Caller.Member)]
    [InlineData(Caller.Owner)]
    [InlineData(Caller.Admin)]
    public async Task Subscribe_gives_every_signed_in_or_share_caller_the_snapshot_of_a_run_it_may_read(Caller caller)
    {
        await using var hub = fixture.Lab.Hub(await fixture.ClientAsync(caller, fixture.CompletedRun));
        await hub.StartAsync();

        var snapshot = await hub.InvokeAsync<RunSnapshot>("Subscribe", fixture.CompletedRun);
        await hub.InvokeAsync("Unsubscribe", fixture.CompletedRun);

        Assert.Equal(fixture.CompletedRun, snapshot.Run.Id);
        Assert.Equal(RunStatus.Completed, snapshot.Run.Status);
        Assert.Equal(snapshot.Run.TotalRounds, snapshot.Rounds.Count);
    }

    [Fact]
    public async Task A_share_caller_cannot_subscribe_to_another_run()
    {
        await using var hub = fixture.Lab.Hub(await fixture.ClientAsync(Caller.ShareToken, fixture.CompletedRun));
        await hub.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RunSnapshot>("Subscribe", fixture.OtherRun));

        Assert.Contains("There is no run", refused.Message);
    }

    [Theory]
    [InlineData(Caller.ShareToken, false)]
    [InlineData(Caller.Member, false)]
    [InlineData(Caller.Owner, true)]
    [InlineData(Caller.Admin, true)]
    public async Task Cancel_over_the_hub_is_for_the_owner_and_admins_only(Caller caller, bool allowed)
    {
        var run = await fixture.StoredRunAsync("ada", RunStatus.Queued);
        await using var hub = fixture.Lab.Hub(await fixture.ClientAsync(caller, run));
        await hub.StartAsync();

        if (allowed)
        {
            Assert.True(await hub.InvokeAsync<bool>("Cancel", run));
        }
        else
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<bool>("Cancel", run));
        }

        var status = (await fixture.Lab.Service<RunStore>().FindAsync(run, CancellationToken.None))!.Status;
        Assert.Equal(allowed ? RunStatus.Cancelled : RunStatus.Queued, status);
    }
}
