using System.Text;
using System.Text.Json;
using LocalityLab.Shared.Accounts;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Sharing;
using LocalityLab.Shared.Studies;
using LocalityLab.Web.Families;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Runs;

namespace LocalityLab.Web.Tests.Security;

/// <summary>Who calls in the authorization matrix.</summary>
public enum Caller
{
    Anonymous,
    ShareToken,
    Member,
    Owner,
    Admin,
}

/// <summary>
/// One lab for the authorization matrix: an admin, the owner "ada" and another member "bob"; a completed run of ada's
/// with stored rounds; a family; and a fresh target (run, link, template, member) for each cell that changes things.
/// </summary>
public sealed class MatrixLab : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];
    private int _seed = 1000;

    public LabFactory Lab { get; } = new();

    /// <summary>ada's completed run, with rounds and arrays.</summary>
    public Guid CompletedRun { get; private set; }

    /// <summary>Someone else's run, which ada's share link does not open.</summary>
    public Guid OtherRun { get; private set; }

    public Guid Family { get; private set; }

    public async Task InitializeAsync()
    {
        foreach (var (caller, name) in new[] { (Caller.Member, "bob"), (Caller.Owner, "ada"), (Caller.Admin, "admin") })
        {
            _clients[caller] = await Lab.ClientAsync(name);
        }
        _clients[Caller.Anonymous] = Lab.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var api = new RunsApi(_clients[Caller.Owner]);
        CompletedRun = (await api.SubmitAsync(LabFactory.Spec(seed: 1))).Run!.Id;
        await api.WaitForAsync(CompletedRun, RunStatus.Completed);
        OtherRun = await StoredRunAsync("bob", RunStatus.Cancelled);
        Family = await Lab.Service<FamilyStore>().CreateAsync(FamilyKind.Sweep, "gain sweep", "Data.Gain", "ada",
            [(CompletedRun, "Data.Gain = 3", 3)], CancellationToken.None);
    }

    public async Task DisposeAsync() => await Lab.DisposeAsync();

    /// <summary>The caller's HTTP client; a share-token caller holds a fresh link to <paramref name="sharedRun"/>.</summary>
    public async Task<HttpClient> ClientAsync(Caller caller, Guid sharedRun) =>
        caller == Caller.ShareToken ? Lab.ShareClient(await ShareTokenAsync(sharedRun)) : _clients[caller];

    /// <summary>The caller's HTTP client; a share-token caller holds a fresh link to the study when one is given, else to the run.</summary>
    public async Task<HttpClient> ClientAsync(Caller caller, Guid sharedRun, Guid? sharedStudy) =>
        caller == Caller.ShareToken && sharedStudy is { } study
            ? Lab.ShareClient((await Lab.Service<ShareLinkStore>().CreateForStudyAsync(study, "ada", new ShareLinkRequest(), CancellationToken.None)).Token)
            : await ClientAsync(caller, sharedRun);

    /// <summary>
    /// A one-seed IMP-only study stored straight into the database (never queued to the worker) in the given state;
    /// a completed one has (empty) statistics.
    /// </summary>
    public async Task<Guid> StoredStudyAsync(string owner, RunStatus status)
    {
        var store = Lab.Service<StudyStore>();
        var study = await store.CreateAsync(Study(), owner, CancellationToken.None);
        if (status != RunStatus.Queued)
        {
            await store.TransitionAsync(study.Id, [RunStatus.Queued], status, null, CancellationToken.None);
        }
        if (status == RunStatus.Completed)
        {
            await store.SaveSummaryAsync(study.Id, new StudySummary([], []), CancellationToken.None);
        }
        return study.Id;
    }

    /// <summary>A one-seed IMP-only study of the small spec, a new seed each time: seconds to train.</summary>
    public StudySpec Study() => new()
    {
        Name = "matrix study",
        Seed = NextSeed(),
        Replicates = 1,
        Conditions = [StudyCondition.Imp],
        Base = LabFactory.Spec(rounds: 1),
    };

    public async Task<string> ShareTokenAsync(Guid runId) =>
        (await Lab.Service<ShareLinkStore>().CreateAsync(runId, "ada", new ShareLinkRequest(), CancellationToken.None)).Token;

    /// <summary>A run stored straight into the database (never queued to the worker) in the given state.</summary>
    public async Task<Guid> StoredRunAsync(string owner, RunStatus status)
    {
        var store = Lab.Service<RunStore>();
        var run = await store.CreateAsync(LabFactory.Spec(seed: Interlocked.Increment(ref _seed)), owner, CancellationToken.None);
        if (status != RunStatus.Queued)
        {
            await store.TransitionAsync(run.Id, [RunStatus.Queued], status, null, CancellationToken.None);
        }
        return run.Id;
    }

    public long NextSeed() => Interlocked.Increment(ref _seed);

    public static HttpContent Json(object body) =>
        new StringContent(JsonSerializer.Serialize(body, SpecJson.Options), Encoding.UTF8, "application/json");

    public async Task EnsureMemberAsync(string userName) => await Lab.EnsureUserAsync(userName, LabRoles.Member);
}
