using System.Text.Json;
using LocalityLab.Bench.ScaleOut;

// bench.sh starts PostgreSQL and the web app with remote workers, then this: the queue of Quick-demo runs on two
// workers with one thread each and on one worker with two, alternately, and the hand-over time after a kill -9.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: LocalityLab.ScaleOut --url URL --server-log FILE --compute LocalityLab.Compute.dll --postgres CONNECTION "
        + "--worker-key KEY --out FILE.json [--runs 8] [--repeats 3] [--hand-overs 3] [--lease 10]");
    return 2;
}

var report = await ScaleOutBenchmark.RunAsync(options, Console.Out, CancellationToken.None);
await File.WriteAllTextAsync(options.Out, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
Console.WriteLine($"wrote {Path.GetFullPath(options.Out)}");
return 0;
