using System.Security.Claims;
using LocalityLab.Shared.Runs;
using LocalityLab.Web.Runs;

namespace LocalityLab.Web.Components.Runs;

/// <summary>
/// The runs a comparison shows, kept current by their events (watched through <see cref="ExperimentService.Watch"/>, so
/// only runs the caller may read): a completed round joins its run's rounds, a status change replaces its run. A page
/// listens before it loads the snapshots, so nothing falls between; every change runs through <c>onCircuit</c>, the
/// page's own InvokeAsync plus a re-render.
/// </summary>
public sealed class LiveComparison(ExperimentService experiments, Func<Action, Task> onCircuit) : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<Guid, RunInfo> _statuses = [];
    private readonly Dictionary<Guid, RoundSequence> _rounds = [];
    private IReadOnlyList<ComparedRun> _loaded = [];

    /// <summary>The shown runs: as loaded, with every event since <see cref="Listen"/> applied.</summary>
    public IReadOnlyList<ComparedRun> Runs { get; private set; } = [];

    /// <summary>Stops listening to the previous runs and starts on those of these the caller may read.</summary>
    public void Listen(ClaimsPrincipal caller, IEnumerable<Guid> runIds)
    {
        Dispose();
        _statuses.Clear();
        _rounds.Clear();
        _loaded = [];
        Runs = [];
        foreach (var id in runIds.Distinct())
        {
            var watch = experiments.Watch(caller, id, new RunListener(
                roundCompleted: round => onCircuit(() =>
                {
                    if (!_rounds.TryGetValue(id, out var arrived))
                    {
                        _rounds[id] = arrived = new RoundSequence();
                    }
                    arrived.Add(round);
                    Apply();
                }),
                statusChanged: run => onCircuit(() =>
                {
                    _statuses[id] = run;
                    Apply();
                })));
            if (watch is not null)
            {
                _subscriptions.Add(watch);
            }
        }
    }

    /// <summary>The runs as loaded from their snapshots, in the order to show them.</summary>
    public void Show(IReadOnlyList<ComparedRun> runs)
    {
        _loaded = runs;
        Apply();
    }

    private void Apply() => Runs = [.. _loaded.Select(run => run with
    {
        Run = _statuses.GetValueOrDefault(run.Run.Id) ?? run.Run,
        Rounds = Merge(run.Rounds, _rounds.GetValueOrDefault(run.Run.Id)),
    })];

    // A round stored before the snapshot was read can also arrive as an event: rounds are told apart by index.
    private static IReadOnlyList<RoundFrame> Merge(IReadOnlyList<RoundFrame> loaded, RoundSequence? arrived) =>
        arrived is null ? loaded : [.. new RoundSequence(loaded.Concat(arrived))];

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _subscriptions.Clear();
    }
}
