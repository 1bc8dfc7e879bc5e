using System.Net;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>Sequential GET requests of one page, with a pause between them: each request's milliseconds, and any failures.</summary>
public sealed class PageLatencyProbe(HttpClient http, string path)
{
    /// <param name="FinishedAt">When the last response arrived (MonotonicClock ms).</param>
    public sealed record Outcome(List<double> Milliseconds, int Failures, double FinishedAt);

    public async Task<Outcome> RunAsync(int requests, TimeSpan pause, CancellationToken cancellationToken)
    {
        var milliseconds = new List<double>(requests);
        int failures = 0;
        for (int i = 0; i < requests; i++)
        {
            double start = MonotonicClock.NowMilliseconds;
            using (var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken))
            {
                milliseconds.Add(MonotonicClock.NowMilliseconds - start);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures++;
                }
            }
            if (i < requests - 1)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
        return new Outcome(milliseconds, failures, MonotonicClock.NowMilliseconds);
    }
}
