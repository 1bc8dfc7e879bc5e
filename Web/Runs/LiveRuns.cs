using System.Collections.Concurrent;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Studies;

namespace LocalityLab.Web.Runs;

/// <summary>
/// What is training right now: a cancellation handle and the latest progress of each running run or study (keyed by
/// its id; a study's progress also says which condition and replicates).
/// </summary>
public sealed class LiveRuns
{
    private readonly ConcurrentDictionary<Guid, Entry> _runs = new();

    public CancellationTokenSource Start(Guid runId, CancellationToken stopping)
    {
        var entry = new Entry(CancellationTokenSource.CreateLinkedTokenSource(stopping));
        _runs[runId] = entry;
        return entry.Cancellation;
    }

    public void Report(Guid runId, TrainingProgress progress)
    {
        if (_runs.TryGetValue(runId, out var entry))
        {
            entry.Progress = progress;
        }
    }

    public TrainingProgress? Progress(Guid runId) => _runs.TryGetValue(runId, out var entry) ? entry.Progress : null;

    public void Report(Guid studyId, StudyProgress progress)
    {
        if (_runs.TryGetValue(studyId, out var entry))
        {
            entry.Progress = progress.Training;
            entry.Study = progress;
        }
    }

    public StudyProgress? StudyProgress(Guid studyId) => _runs.TryGetValue(studyId, out var entry) ? entry.Study : null;

    /// <summary>Asks a running run to stop; false when it is not running here.</summary>
    public bool Cancel(Guid runId)
    {
        if (!_runs.TryGetValue(runId, out var entry))
        {
            return false;
        }
        entry.Cancelled = true;
        entry.Cancellation.Cancel();
        return true;
    }

    public bool WasCancelled(Guid runId) => _runs.TryGetValue(runId, out var entry) && entry.Cancelled;

    public void End(Guid runId)
    {
        if (_runs.TryRemove(runId, out var entry))
        {
            entry.Cancellation.Dispose();
        }
    }

    private sealed class Entry(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public volatile TrainingProgress? Progress;

        public volatile StudyProgress? Study;

        public volatile bool Cancelled;
    }
}
