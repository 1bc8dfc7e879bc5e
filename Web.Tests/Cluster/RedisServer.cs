using System.Net;
using System.Net.Sockets;

namespace LocalityLab.Web.Tests.Cluster;

/// <summary>
/// A private Redis server for the scale-out tests (the SignalR backplane): LOCALITYLAB_TEST_REDIS when set, else
/// Debian's redis-server on a free loopback port, without persistence, killed afterwards. ./test.sh installs it when
/// it is missing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Program = "/usr/bin/redis-server";

    private LabProcess? _process;

    /// <summary>host:port, as StackExchange.Redis takes it.</summary>
    public string Configuration { get; private set; } = "";

    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LOCALITYLAB_TEST_REDIS") is { Length: > 0 } given)
        {
            Configuration = given;
            return;
        }
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"Redis is not installed ({Program} is missing): run ./test.sh, which installs it, or set LOCALITYLAB_TEST_REDIS to host:port.");
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _process = LabProcess.StartProgram("redis", Program, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode no");
        await _process.WaitForLineAsync("Ready to accept connections");
        Configuration = $"127.0.0.1:{port}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
