using System.Diagnostics;

namespace LocalityLab.Bench.ScaleOut;

/// <summary>A remote worker (`LocalityLab.Compute.dll worker`) started for the benchmark; ready once it prints its start-up line.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("LocalityLab worker ready", StringComparison.Ordinal) == true)
            {
                _ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
    }

    public string Name { get; }

    public static async Task<WorkerProcess> StartAsync(BenchOptions options, string name, int threads)
    {
        var start = new ProcessStartInfo("dotnet", $"{options.ComputeDll} worker")
        {
            WorkingDirectory = Path.GetDirectoryName(options.ComputeDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__ConnectionString"] = options.Postgres;
        start.Environment["Compute__Workers"] = "Remote";
        start.Environment["Compute__WorkerKey"] = options.WorkerKey;
        start.Environment["Compute__LabUrl"] = options.Url;
        start.Environment["Compute__WorkerName"] = name;
        start.Environment["Compute__Threads"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Compute__MaxConcurrentRuns"] = "1";
        start.Environment["Compute__WorkerLeaseSeconds"] = options.LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Compute__Device"] = "cpu";
        start.Environment.Remove("OMP_WAIT_POLICY");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var worker = new WorkerProcess(process, name);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return worker;
    }

    /// <summary>SIGKILL, as a crash would; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
