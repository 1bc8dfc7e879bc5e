using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Tests.Runs;
using LocalityLab.Web.Tests.Studies;
using LocalityLab.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LocalityLab.Web.Tests.Workers;

/// <summary>
/// A run or study stored as queued by a web process that stopped before it told the workers is never stranded (issue
/// 22): its dispatch mark outlives the lease, and a sweep dispatches it, once, whichever instance sweeps first.
/// </summary>
public sealed class UndispatchedSweeperTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(new ComputeOptions().WorkerLeaseSeconds);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingDispatch _dispatched = new();
    private readonly LabFactory _lab;
    private UndispatchedSweeper _sweeper = null!;

    public UndispatchedSweeperTests() => _lab = new LabFactory
    {
        TestServices = services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<IRunDispatch>(_dispatched);
            services.AddSingleton<IStudyDispatch>(_dispatched);
        },
    };

    public Task InitializeAsync()
    {
        _lab.StartServer();
        _sweeper = Sweeper();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task A_run_stored_but_never_dispatched_is_dispatched_once_when_its_mark_is_a_lease_old()
    {
        var run = await _lab.Service<RunStore>().CreateAsync(LabFactory.Spec(), "ada", CancellationToken.None); // the web process stops here

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None)); // its own process may still be dispatching it
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([run.Id], await _sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal([run.Id], _dispatched.Runs);
        Assert.Null((await _lab.Service<RunStore>().FindAsync(run.Id, CancellationToken.None))!.UndispatchedSince);
        _time.Advance(Lease * 3);
        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal([run.Id], _dispatched.Runs);
    }

    [Fact]
    public async Task A_study_stored_but_never_dispatched_is_dispatched_as_a_study_not_as_its_replicate_runs()
    {
        var study = await _lab.Service<StudyStore>().CreateAsync(StudiesApi.Small(), "ada", CancellationToken.None);

        _time.Advance(Lease);
        Assert.Equal([study.Id], await _sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal([study.Id], _dispatched.Studies);
        Assert.Empty(_dispatched.Runs);
        Assert.Null((await _lab.Service<StudyStore>().FindAsync(study.Id, CancellationToken.None))!.UndispatchedSince);
    }

    [Fact]
    public async Task Runs_and_studies_queued_through_the_services_are_dispatched_at_once_and_never_swept()
    {
        var ada = Callers.Member("ada");
        var submitted = await _lab.Service<ExperimentService>().SubmitAsync(ada, LabFactory.Spec(seed: 21), runAgain: false, CancellationToken.None);
        var study = await _lab.Service<StudyService>().SubmitAsync(ada, StudiesApi.Small(), runAgain: false, CancellationToken.None);
        var runId = submitted.Run!.Id;
        Assert.True(await _lab.Service<RunStore>().TransitionAsync(runId, [RunStatus.Queued], RunStatus.Cancelled, null, CancellationToken.None));
        Assert.Null(await _lab.Service<ExperimentService>().ResumeAsync(ada, runId, CancellationToken.None));

        _time.Advance(Lease * 2);

        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal([runId, runId], _dispatched.Runs); // submitted, then resumed: each dispatched once, by its service
        Assert.Equal([study.Study!.Id], _dispatched.Studies);
    }

    [Fact]
    public async Task A_run_that_is_no_longer_queued_is_not_dispatched_whatever_its_mark()
    {
        var store = _lab.Service<RunStore>();
        var run = await store.CreateAsync(LabFactory.Spec(), "ada", CancellationToken.None);
        Assert.True(await store.TransitionAsync(run.Id, [RunStatus.Queued], RunStatus.Cancelled, null, CancellationToken.None));

        _time.Advance(Lease);

        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None));
        Assert.Empty(_dispatched.Runs);
    }

    [Fact]
    public async Task Of_two_instances_sweeping_at_once_one_takes_a_mark_and_one_that_stops_before_dispatching_leaves_it_for_a_lease_later()
    {
        var run = await _lab.Service<RunStore>().CreateAsync(LabFactory.Spec(), "ada", CancellationToken.None);
        var marks = _lab.Service<DispatchMarks>();
        _time.Advance(Lease);

        var takes = await Task.WhenAll(
            marks.TakeOverdueAsync<RunRecord>(Lease, CancellationToken.None),
            marks.TakeOverdueAsync<RunRecord>(Lease, CancellationToken.None)); // both instances; neither dispatches (they stop)

        Assert.Equal([run.Id], takes.SelectMany(t => t));
        Assert.Empty(await _sweeper.SweepAsync(CancellationToken.None)); // taken a moment ago: its taker may be dispatching it
        _time.Advance(Lease);
        Assert.Equal([run.Id], await Sweeper().SweepAsync(CancellationToken.None));
        Assert.Equal([run.Id], _dispatched.Runs);
    }

    private UndispatchedSweeper Sweeper() => new(_lab.Service<DispatchMarks>(), _lab.Service<ExperimentService>(), _lab.Service<StudyService>(),
        Options.Create(new ComputeOptions()), NullLogger<UndispatchedSweeper>.Instance);

    /// <summary>Stands for the job store: records what the lab dispatched.</summary>
    private sealed class RecordingDispatch : IRunDispatch, IStudyDispatch
    {
        private readonly List<Guid> _runs = [];
        private readonly List<Guid> _studies = [];

        public IReadOnlyList<Guid> Runs
        {
            get { lock (_runs) { return [.. _runs]; } }
        }

        public IReadOnlyList<Guid> Studies
        {
            get { lock (_studies) { return [.. _studies]; } }
        }

        Task IRunDispatch.QueuedAsync(Guid runId, CancellationToken cancellationToken)
        {
            lock (_runs) { _runs.Add(runId); }
            return Task.CompletedTask;
        }

        Task IStudyDispatch.QueuedAsync(Guid studyId, CancellationToken cancellationToken)
        {
            lock (_studies) { _studies.Add(studyId); }
            return Task.CompletedTask;
        }
    }
}
