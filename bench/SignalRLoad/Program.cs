using System.Text.Json;
using LocalityLab.Bench.SignalRLoad;

// bench.sh starts the web app, then this: N hub subscribers on one run, page latency and CPU while it trains.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: LocalityLab.SignalRLoad --url http://127.0.0.1:PORT --server-pid PID --out FILE.json "
        + "[--connections 50] [--page-requests 200] [--timeout-minutes 8]");
    return 2;
}

using var timeout = new CancellationTokenSource(options.Timeout);
var report = await LoadTest.RunAsync(options, Console.Out, timeout.Token);
await File.WriteAllTextAsync(options.Out, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
Console.WriteLine($"wrote {Path.GetFullPath(options.Out)}");
return 0;
