using System.CommandLine;
using System.Text.Json;
using LocalityLab.Compute.Cli;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Studies;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// `bench --out FILE.json [--suite NAME ...] [--repeats N] [--imp-repeats N] [--study-repeats N]`: times the engine's hot paths on this
/// machine and writes every repetition as JSON. bench.sh runs it next to bench/peer_pytorch.py, which writes the
/// same shape, and turns both into BENCHMARKS.md. Threads come from Compute:Threads (Compute__Threads=2).
/// </summary>
public static class BenchmarkCommand
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var outOption = new Option<string>("--out") { Description = "Where to write the results (JSON)", Required = true };
        var suiteOption = new Option<string[]>("--suite")
        {
            Description = $"Run only these suites (default: all, in this order): {string.Join(", ", Suites.Keys)}",
            AllowMultipleArgumentsPerToken = true,
        };
        var repeatsOption = new Option<int>("--repeats")
        {
            Description = "Timed repetitions of the short benchmarks, after one warm-up",
            DefaultValueFactory = _ => 5,
        };
        var impRepeatsOption = new Option<int>("--imp-repeats")
        {
            Description = "Timed repetitions of the whole IMP run, after one short warm-up run",
            DefaultValueFactory = _ => 3,
        };
        var studyRepeatsOption = new Option<int>("--study-repeats")
        {
            Description = "Timed repetitions of each study in the study suite, after one small warm-up study",
            DefaultValueFactory = _ => 1,
        };
        var seedOption = new Option<long>("--seed") { Description = "Seeds every generator", DefaultValueFactory = _ => 1 };
        var suffixOption = new Option<string>("--case-suffix")
        {
            Description = "Appended to every case name, to tell a second configuration's results apart",
            DefaultValueFactory = _ => "",
        };
        var command = new Command("bench", "Time matrix products, training steps, NLGP sampling, the cavity map, a whole IMP run and studies; write JSON.")
        {
            outOption, suiteOption, repeatsOption, impRepeatsOption, studyRepeatsOption, seedOption, suffixOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(suiteOption) is { Length: > 0 } names ? names : [.. Suites.Keys];
            var unknown = chosen.Where(n => !Suites.ContainsKey(n)).ToList();
            int repeats = parse.GetValue(repeatsOption), impRepeats = parse.GetValue(impRepeatsOption), studyRepeats = parse.GetValue(studyRepeatsOption);
            if (unknown.Count > 0)
            {
                error.WriteLine($"--suite must be among {string.Join(", ", Suites.Keys)}; got {string.Join(", ", unknown)}.");
                return ComputeCommandLine.BadInput;
            }
            if (repeats is < 1 or > 1000 || impRepeats is < 1 or > 100 || studyRepeats is < 1 or > 20)
            {
                error.WriteLine($"--repeats must be in [1, 1000], --imp-repeats in [1, 100] and --study-repeats in [1, 20]; "
                    + $"got {repeats}, {impRepeats} and {studyRepeats}.");
                return ComputeCommandLine.BadInput;
            }
            var settings = new BenchmarkSettings(repeats, impRepeats, parse.GetValue(seedOption), studyRepeats);
            // Resolving the runtime applies Compute:Threads before anything is timed.
            var info = services.GetRequiredService<TorchRuntime>().Info;
            output.WriteLine($"LocalityLab bench: libtorch {info.LibTorchVersion}, TorchSharp {info.TorchSharpVersion}, {info.Device}, "
                + $"{torch.get_num_threads()} threads");
            var started = DateTimeOffset.UtcNow;
            var results = new List<BenchmarkResult>();
            try
            {
                foreach (var name in chosen)
                {
                    results.AddRange(await Suites[name](services).RunAsync(settings, output, cancellationToken));
                }
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Cancelled; nothing written.");
                return ComputeCommandLine.Cancelled;
            }
            var suffix = parse.GetValue(suffixOption) ?? "";
            var report = new BenchmarkReport("LocalityLab", info.LibTorchVersion, info.TorchSharpVersion, torch.get_num_threads(),
                torch.get_num_interop_threads(), Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"), started,
                [.. results.Select(r => r with { Case = r.Case + suffix })]);
            var outPath = parse.GetValue(outOption)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(report, Json), cancellationToken);
            output.WriteLine($"wrote {results.Count} results to {Path.GetFullPath(outPath)}");
            return 0;
        });
        return command;
    }

    /// <summary>Every suite by name, in the order `bench` runs them; each is built only when it runs.</summary>
    private static readonly IReadOnlyDictionary<string, Func<IServiceProvider, IBenchmarkSuite>> Suites =
        new Dictionary<string, Func<IServiceProvider, IBenchmarkSuite>>(StringComparer.OrdinalIgnoreCase)
        {
            ["matmul"] = _ => new MatrixProductBenchmark(),
            ["train-step"] = _ => new TrainStepBenchmark(),
            ["nlgp-sampling"] = _ => new NlgpSamplingBenchmark(),
            ["cavity-map"] = _ => new CavityMapBenchmark(),
            ["imp-run"] = services => new ImpRunBenchmark(services.GetRequiredService<ExperimentRunner>()),
            ["round-profile"] = _ => new RoundProfileBenchmark(),
            ["study"] = services => new StudyBenchmark(services.GetRequiredService<StudyRunner>(), services.GetRequiredService<ExperimentRunner>()),
            ["estimates"] = services => new EstimateBenchmark(services.GetRequiredService<ExperimentAdmission>()),
        };
}
