namespace LocalityLab.Bench.ScaleOut;

/// <summary>The scale-out benchmark's command line.</summary>
public sealed record BenchOptions(string Url, string ServerLog, string ComputeDll, string Postgres, string WorkerKey, string Out,
    int Runs, int Repeats, int HandOvers, int LeaseSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Required("url"), Required("server-log"), Path.GetFullPath(Required("compute")), Required("postgres"), Required("worker-key"),
            Required("out"), Number("runs", 8), Number("repeats", 3), Number("hand-overs", 3), Number("lease", 10));
    }
}
