using System.Security.Claims;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Tests.Studies;
using Microsoft.Extensions.DependencyInjection;

namespace LocalityLab.Web.Tests.Features;

/// <summary>
/// A feature's service takes its caller and decides (issue 13): the same answers a page shows and the API sends, asked
/// here of the services directly, for an owner, another member, an admin, a share link's holder and nobody.
/// </summary>
public sealed class CallerDecisionTests : IAsyncLifetime
{
    private readonly LabFactory _lab = new();
    private Guid _adas;
    private Guid _bobs;
    private Guid _family;

    public async Task InitializeAsync()
    {
        _ = _lab.Server;
        var runs = _lab.Service<RunStore>();
        // Stored without a wake-up and cancelled at once: nothing computes them, so their state is the test's.
        _adas = (await runs.CreateAsync(LabFactory.Spec(rounds: 0, seed: 71), "ada", CancellationToken.None)).Id;
        _bobs = (await runs.CreateAsync(LabFactory.Spec(rounds: 0, seed: 72), "bob", CancellationToken.None)).Id;
        foreach (var id in new[] { _adas, _bobs })
        {
            await runs.TransitionAsync(id, [RunStatus.Queued], RunStatus.Cancelled, null, CancellationToken.None);
        }
        _family = await _lab.Service<FamilyStore>().CreateAsync(FamilyKind.Comparison, "ada's and bob's", null, "ada",
            [(_adas, "ada", null), (_bobs, "bob", null)], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    /// <summary>The caller that holds a share link to ada's run, as the link's page or X-Share-Token makes it.</summary>
    private async Task<ClaimsPrincipal> AdasRunLinkHolderAsync()
    {
        var shares = _lab.Service<ShareService>();
        var link = await shares.CreateAsync(Callers.Member("ada"), ShareSubject.Run, _adas, new ShareLinkRequest(), CancellationToken.None);
        return await shares.CallerAsync((await shares.FindActiveAsync(link.Link!.Token, CancellationToken.None))!, CancellationToken.None);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_changes_a_run_and_another_member_is_told_which_action_was_refused()
    {
        var runs = _lab.Service<ExperimentService>();

        var resume = await runs.ResumeAsync(Callers.Member("bob"), _adas, CancellationToken.None);
        var delete = await runs.DeleteAsync(Callers.Member("bob"), _adas, CancellationToken.None);
        var missing = await runs.DeleteAsync(Callers.Member("bob"), Guid.NewGuid(), CancellationToken.None);
        var byAdmin = await runs.DeleteAsync(Callers.Admin("root"), _bobs, CancellationToken.None);

        Assert.Equal(Refusal.Forbidden("Only the run's owner or an admin may resume it."), resume);
        Assert.Equal(Refusal.Forbidden("Only the run's owner or an admin may delete it."), delete);
        Assert.Equal(RefusalKind.NotFound, missing!.Kind);
        Assert.Null(byAdmin);
        Assert.NotNull(await runs.InfoAsync(Callers.Member("bob"), _adas, CancellationToken.None)); // members read every run
        Assert.Equal(Refusal.Conflict("The run is neither queued nor running."), await runs.CancelAsync(Callers.Member("ada"), _adas, CancellationToken.None));
    }

    [Fact]
    public async Task A_studys_replicate_is_changed_only_with_its_study_and_is_told_so()
    {
        var study = await _lab.Service<StudyStore>().CreateAsync(StudiesApi.Small() with { Name = "replicates", Seed = 73 }, "ada", CancellationToken.None);
        await _lab.Service<StudyService>().CancelAsync(Callers.Member("ada"), study.Id, CancellationToken.None); // nothing computes it
        var replicate = (await _lab.Service<StudyStore>().ReplicatesAsync(study.Id, CancellationToken.None))[0].RunId;
        var runs = _lab.Service<ExperimentService>();

        Assert.Equal(Refusal.Conflict("The run is a replicate of a study; it is cancelled with its study."),
            await runs.CancelAsync(Callers.Member("ada"), replicate, CancellationToken.None));
        Assert.Equal(Refusal.Conflict("The run is a replicate of a study; it is resumed with its study."),
            await runs.ResumeAsync(Callers.Member("ada"), replicate, CancellationToken.None));
        Assert.Equal(Refusal.Conflict("The run is a replicate of a study; it is deleted with its study."),
            await runs.DeleteAsync(Callers.Admin("root"), replicate, CancellationToken.None));
        Assert.Equal(RefusalKind.Forbidden, (await runs.CancelAsync(Callers.Member("bob"), replicate, CancellationToken.None))!.Kind);
    }

    [Fact]
    public async Task A_share_links_holder_reads_what_the_link_opens_and_nothing_else()
    {
        var holder = await AdasRunLinkHolderAsync();
        var runs = _lab.Service<ExperimentService>();

        Assert.NotNull(await runs.SnapshotAsync(holder, _adas, CancellationToken.None));
        Assert.Null(await runs.SnapshotAsync(holder, _bobs, CancellationToken.None));
        Assert.Null(await runs.SpecJsonAsync(holder, _bobs, CancellationToken.None));
        Assert.Equal(RefusalKind.NotFound, (await runs.CancelAsync(holder, _bobs, CancellationToken.None))!.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await runs.CancelAsync(holder, _adas, CancellationToken.None))!.Kind);
        Assert.Null(await _lab.Service<FamilyService>().FindAsync(holder, _family, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => runs.ListAsync(holder, new RunListQuery(), CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _lab.Service<StudyService>().ListAsync(holder, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_is_subscribed_only_to_what_its_caller_may_read()
    {
        var holder = await AdasRunLinkHolderAsync();
        var runs = _lab.Service<ExperimentService>();
        var heard = new List<(string Watcher, Guid Run)>();
        RunListener Recording(string watcher) => new(statusChanged: run =>
        {
            lock (heard)
            {
                heard.Add((watcher, run.Id));
            }
            return Task.CompletedTask;
        });

        using var holderOnAdas = runs.Watch(holder, _adas, Recording("holder"));
        var holderOnBobs = runs.Watch(holder, _bobs, Recording("holder"));
        var nobodyOnAdas = runs.Watch(Callers.Anonymous, _adas, Recording("nobody"));
        using var memberOnBobs = runs.Watch(Callers.Member("carol"), _bobs, Recording("carol"));
        var holderOnAStudy = _lab.Service<StudyService>().Watch(holder, Guid.NewGuid(), Recording("holder"));
        await runs.AnnounceStatusAsync(_adas, CancellationToken.None);
        await runs.AnnounceStatusAsync(_bobs, CancellationToken.None);

        Assert.NotNull(holderOnAdas);
        Assert.Null(holderOnBobs);
        Assert.Null(nobodyOnAdas);
        Assert.Null(holderOnAStudy);
        // What each was told: only the runs it may read, even though both runs announced.
        Assert.Equal([("carol", _bobs), ("holder", _adas)], heard.Order());
    }

    [Fact]
    public async Task A_familys_link_opens_the_family_and_its_runs_but_only_one_who_may_share_every_run_makes_it()
    {
        var shares = _lab.Service<ShareService>();

        var byAda = await shares.CreateAsync(Callers.Member("ada"), ShareSubject.Family, _family, new ShareLinkRequest(), CancellationToken.None);
        var byAdmin = await shares.CreateAsync(Callers.Admin("root"), ShareSubject.Family, _family, new ShareLinkRequest("for the paper"), CancellationToken.None);
        var holder = await shares.CallerAsync((await shares.FindActiveAsync(byAdmin.Link!.Token, CancellationToken.None))!, CancellationToken.None);

        Assert.Null(byAda.Link);
        Assert.Equal(RefusalKind.Forbidden, byAda.Refusal!.Kind);
        Assert.Contains("belongs to bob", byAda.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(_family, (await _lab.Service<FamilyService>().FindAsync(holder, _family, CancellationToken.None))!.Id);
        Assert.NotNull(await _lab.Service<ExperimentService>().SnapshotAsync(holder, _bobs, CancellationToken.None));
        var (links, refused) = await shares.ListAsync(Callers.Member("bob"), ShareSubject.Family, _family, CancellationToken.None);
        Assert.Empty(links);
        Assert.Equal(RefusalKind.Forbidden, refused!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await shares.RevokeAsync(Callers.Admin("root"), ShareSubject.Family, _family, Guid.NewGuid(), CancellationToken.None))!.Kind);
        Assert.Null(await shares.RevokeAsync(Callers.Admin("root"), ShareSubject.Family, _family, byAdmin.Link.Link.Id, CancellationToken.None));
        Assert.Null(await shares.FindActiveAsync(byAdmin.Link.Token, CancellationToken.None));
    }

    [Fact]
    public async Task A_share_request_is_checked_after_the_caller_may_share()
    {
        var shares = _lab.Service<ShareService>();

        var bad = await shares.CreateAsync(Callers.Member("ada"), ShareSubject.Run, _adas, new ShareLinkRequest(null, -1), CancellationToken.None);
        var notTheirs = await shares.CreateAsync(Callers.Member("bob"), ShareSubject.Run, _adas, new ShareLinkRequest(null, -1), CancellationToken.None);

        Assert.Null(bad.Refusal);
        Assert.Contains(bad.Errors, e => e.Field == "ExpiresInDays");
        Assert.Equal(Refusal.Forbidden("Only the run's owner or an admin may share it."), notTheirs.Refusal);
        Assert.Empty(notTheirs.Errors);
    }

    [Fact]
    public async Task Only_an_admin_manages_members_and_an_invitation_admits_one_account()
    {
        await using var scope = _lab.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<MemberDirectory>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => members.ListAsync(Callers.Member("ada"), CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => members.InviteAsync(Callers.Member("ada"), new InvitationRequest(LabRoles.Member, 7), CancellationToken.None));
        var (invitation, errors) = await members.InviteAsync(Callers.Admin("root"), new InvitationRequest(LabRoles.Member, 7), CancellationToken.None);
        Assert.Empty(errors);
        var open = (await members.OpenInvitationAsync(invitation!.Token, CancellationToken.None))!;
        Assert.Equal("root", open.CreatedBy);

        var (first, _) = await members.JoinAsync(open, "carol", LabFactory.Password, CancellationToken.None);
        var (second, refused) = await members.JoinAsync(open, "dave", LabFactory.Password, CancellationToken.None);

        Assert.Equal("carol", first!.UserName);
        Assert.Null(second);
        Assert.Equal("Invitation", Assert.Single(refused).Field);
        var names = (await members.ListAsync(Callers.Admin("root"), CancellationToken.None)).Select(m => m.UserName).ToList();
        Assert.Contains("carol", names);
        Assert.DoesNotContain("dave", names);
    }
}
