using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LocalityLab.Web.Tests.Storage;

/// <summary>
/// A private PostgreSQL server for the tests: LOCALITYLAB_TEST_POSTGRES when set, else initdb + pg_ctl on a free
/// port in a temporary folder (as the postgres user when the tests run as root), stopped and deleted afterwards.
/// ./test.sh installs PostgreSQL when it is missing.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _folder;
    private string? _bin;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LOCALITYLAB_TEST_POSTGRES") is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (_bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./test.sh, which installs it, "
                + "or set LOCALITYLAB_TEST_POSTGRES to a connection string.");
        }
        _folder = Directory.CreateTempSubdirectory("localitylab-pg-").FullName;
        bool root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", $"postgres:postgres {_folder}");
        }
        int port = FreePort();
        await RunAsPostgresAsync(root, Path.Combine(_bin, "initdb"), $"-D {_folder}/data -A trust -U postgres --no-sync");
        await RunAsPostgresAsync(root, Path.Combine(_bin, "pg_ctl"),
            $"-D {_folder}/data -l {_folder}/log -w -o \"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off\" start");
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=localitylab_test";
    }

    public async Task DisposeAsync()
    {
        if (_folder is null || _bin is null)
        {
            return;
        }
        await RunAsPostgresAsync(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/data -m immediate stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static Task RunAsPostgresAsync(bool root, string program, string arguments) =>
        root ? RunAsync("runuser", $"-u postgres -- {program} {arguments}") : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
