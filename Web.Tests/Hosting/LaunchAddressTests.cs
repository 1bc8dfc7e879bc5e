using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LocalityLab.Web.Tests.Hosting;

/// <summary>
/// Issue 11, item 8: `dotnet run --project Web`, the README's command, listens where ASPNETCORE_URLS or --urls say
/// (the launch profile names no address of its own to override them).
/// </summary>
public sealed class LaunchAddressTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"localitylab-launch-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the README's command and returns the address it says it listens on, once it says so.</summary>
    private async Task<string> ListeningAddressAsync(IReadOnlyDictionary<string, string> environment, params string[] appArguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", "--project", Path.Combine(RepositoryFolder.Path(), "Web"), "--no-build" })
        {
            start.ArgumentList.Add(argument);
        }
        if (appArguments.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in appArguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        start.Environment["Storage__ConnectionString"] = $"Data Source={_database}";
        start.Environment["Compute__Device"] = "cpu";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        try
        {
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a hung start, not a race
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                const string Listening = "Now listening on: ";
                int at = line.IndexOf(Listening, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return line[(at + Listening.Length)..].Trim();
                }
            }
            throw new InvalidOperationException($"the lab exited ({process.ExitCode}) without listening");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_run_command_listens_where_ASPNETCORE_URLS_says()
    {
        string url = $"http://127.0.0.1:{FreePort()}";

        Assert.Equal(url, await ListeningAddressAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url }));
    }

    [Fact]
    public async Task The_run_command_listens_where_urls_on_its_command_line_says()
    {
        string url = $"http://127.0.0.1:{FreePort()}";

        Assert.Equal(url, await ListeningAddressAsync(new Dictionary<string, string>(), "--urls", url));
    }
}
