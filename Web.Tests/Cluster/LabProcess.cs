using System.Collections.Concurrent;
using System.Diagnostics;

namespace LocalityLab.Web.Tests.Cluster;

/// <summary>
/// A lab program (a web instance or a worker) in a process of its own, its output kept; waits for the line a program
/// prints when it is ready, and can be killed as a crash kills (SIGKILL: no shutdown code runs).
/// </summary>
public sealed class LabProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LabProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult();
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>Whether the process has ended (killed, or exited by itself).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the program printed so far.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts `dotnet ASSEMBLY ARGUMENTS` from the test's output folder (where the build puts Web and Compute) with the given settings as environment variables.</summary>
    public static LabProcess Start(string name, string assembly, string arguments, IReadOnlyDictionary<string, string> settings) =>
        StartProgram(name, "dotnet", $"{Path.Combine(AppContext.BaseDirectory, assembly)} {arguments}", settings);

    /// <summary>Starts a program with the given settings as environment variables (Section:Key as Section__Key).</summary>
    public static LabProcess StartProgram(string name, string program, string arguments, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new LabProcess(name, start);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the program prints a line containing <paramref name="text"/>; fails, with its output, if it exits first.</summary>
    public async Task WaitForLineAsync(string text)
    {
        TaskCompletionSource seen;
        lock (_waits)
        {
            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }
            _waits.Add((text, seen));
        }
        var first = await Task.WhenAny(seen.Task, _exited.Task, Task.Delay(Patience));
        if (first != seen.Task)
        {
            throw new InvalidOperationException($"{Name} {(first == _exited.Task ? "exited" : "did not say")} '{text}'{(first == _exited.Task ? " before saying it" : $" within {Patience}")}. Its output:\n{Output}");
        }
    }

    /// <summary>Waits until the program exits by itself and gives its exit code; fails, with its output, if it is still running after the patience.</summary>
    public async Task<int> WaitForExitAsync()
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(Patience)) != _exited.Task)
        {
            throw new InvalidOperationException($"{Name} was still running after {Patience}. Its output:\n{Output}");
        }
        await _process.WaitForExitAsync(); // the output read to its end
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a pulled plug would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_waits)
        {
            _lines.Enqueue(line);
            foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}
