namespace LocalityLab.Bench.Engine;

/// <summary>A group of timed cases that share set-up, chosen on the command line by <see cref="Name"/>.</summary>
public interface IBenchmarkSuite
{
    string Name { get; }

    /// <summary>Warms up, times every case, and reports one line per case to <paramref name="log"/>.</summary>
    Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken);
}
