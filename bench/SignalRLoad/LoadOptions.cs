using System.Globalization;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>The command line: --url URL --server-pid PID --server-log FILE --out FILE.json [--connections 50] [--page-requests 200] [--timeout-minutes 8].</summary>
public sealed record LoadOptions(Uri Url, int ServerPid, string ServerLog, string Out, int Connections, int PageRequests, TimeSpan Timeout)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs; got '{args[i]}'.");
            }
            values[args[i][2..]] = args[++i];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }
            int n = int.Parse(text, CultureInfo.InvariantCulture);
            return n >= min && n <= max ? n : throw new ArgumentException($"--{name} must be in [{min}, {max}]; got {n}.");
        }
        var url = new Uri(Required("url"));
        if (!url.IsLoopback)
        {
            // A load test sends traffic only to this machine.
            throw new ArgumentException($"--url must be a loopback address; got {url}.");
        }
        return new LoadOptions(url, Number("server-pid", 0, 1, int.MaxValue), Required("server-log"), Required("out"), Number("connections", 50, 1, 500),
            Number("page-requests", 200, 1, 10_000), TimeSpan.FromMinutes(Number("timeout-minutes", 8, 1, 60)));
    }
}
