using System.Net.Http.Json;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Runs;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// Polls GET /api/runs/{id} until the run ends. A round counts as completed when RoundsCompleted first shows it: the
/// server stores a round before it announces it, so this is the completion as an outside observer can see it,
/// late by at most one interval plus one request.
/// </summary>
public sealed class RunPoller(HttpClient http, Guid runId, TimeSpan interval)
{
    private readonly Dictionary<int, double> _completions = [];
    private readonly List<double> _requestMilliseconds = [];

    /// <summary>Round index to the time (MonotonicClock ms) a poll first saw it stored.</summary>
    public IReadOnlyDictionary<int, double> Completions => _completions;

    /// <summary>How long each GET /api/runs/{id} took.</summary>
    public IReadOnlyList<double> RequestMilliseconds => _requestMilliseconds;

    public double? RunningSince { get; private set; }

    public double? EndedAt { get; private set; }

    public RunInfo? Last { get; private set; }

    public async Task<RunInfo> PollUntilEndAsync(CancellationToken cancellationToken)
    {
        int seen = 0;
        while (true)
        {
            double start = MonotonicClock.NowMilliseconds;
            var info = await http.GetFromJsonAsync<RunInfo>($"/api/runs/{runId}", SpecJson.Options, cancellationToken)
                ?? throw new InvalidOperationException($"GET /api/runs/{runId} returned nothing.");
            double now = MonotonicClock.NowMilliseconds;
            _requestMilliseconds.Add(now - start);
            Last = info;
            if (info.Status == RunStatus.Running && RunningSince is null)
            {
                RunningSince = now;
            }
            for (; seen < info.RoundsCompleted; seen++)
            {
                _completions[seen] = now;
            }
            if (info.Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted)
            {
                EndedAt = now;
                return info;
            }
            await Task.Delay(interval, cancellationToken);
        }
    }
}
