using System.CommandLine;
using LocalityLab.Shared.Data;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using LocalityLab.Shared.Studies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LocalityLab.Compute.Cli;

/// <summary>
/// The engine from a terminal: `run SPEC.json --out DIR` (or `--preset NAME`), `sample SPEC.json --n N --out FILE.npy`
/// (or `--split test|train` for the exact sets a run of the spec uses),
/// `presets`, `info`. Exit codes: 0 done, 1 failed while running, 2 bad input, 130 cancelled.
/// </summary>
public static class ComputeCommandLine
{
    public const int BadInput = 2;
    public const int Failed = 1;
    public const int Cancelled = 130;

    private const string Fresh = "fresh", TestSplit = "test", TrainSplit = "train";

    public static RootCommand Create(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var specArgument = new Argument<string?>("SPEC") { Description = "Experiment spec (JSON file)", Arity = ArgumentArity.ZeroOrOne };
        var presetOption = new Option<string?>("--preset") { Description = $"Use a preset instead of a file: {string.Join(", ", ExperimentPresets.All.Keys)}" };
        var outOption = new Option<string>("--out") { Description = "Output folder: spec.json, rounds.jsonl, round-NN.npz", Required = true };
        var run = new Command("run", "Train and prune as the spec says, writing each round as it completes.") { specArgument, presetOption, outOption };
        run.SetAction((parse, cancellationToken) => RunAsync(services, parse.GetValue(specArgument), parse.GetValue(presetOption),
            parse.GetValue(outOption)!, output, error, cancellationToken));

        var sampleSpec = new Argument<string?>("SPEC") { Description = "Experiment spec (JSON file)", Arity = ArgumentArity.ZeroOrOne };
        var samplePreset = new Option<string?>("--preset") { Description = "Use a preset's data instead of a file" };
        var countOption = new Option<int>("--n") { Description = "Number of samples (balanced classes; --split fresh only)", DefaultValueFactory = _ => 1000 };
        var splitOption = new Option<string>("--split")
        {
            Description = "fresh: --n new samples; test: the test set a run of the spec measures on; train: its fixed training set",
            DefaultValueFactory = _ => Fresh,
        };
        splitOption.AcceptOnlyFromAmong(Fresh, TestSplit, TrainSplit);
        var sampleOut = new Option<string>("--out") { Description = "Output .npy: records with 'x' (the inputs) and 'y' (the label)", Required = true };
        var sample = new Command("sample", "Write input samples with their labels as a NumPy structured array.") { sampleSpec, samplePreset, countOption, splitOption, sampleOut };
        sample.SetAction(parse => Sample(services.GetRequiredService<ILabEngine>(), parse.GetValue(sampleSpec), parse.GetValue(samplePreset), parse.GetValue(countOption),
            parse.GetResult(countOption) is { Implicit: false }, parse.GetValue(splitOption)!, parse.GetValue(sampleOut)!, output, error));

        var presets = new Command("presets", "List the experiment presets (run --preset) and the study presets (study --preset).");
        presets.SetAction(_ =>
        {
            output.WriteLine("experiments (run --preset NAME):");
            foreach (var name in ExperimentPresets.All.Keys)
            {
                output.WriteLine($"  {name}");
            }
            output.WriteLine("studies (study --preset NAME):");
            foreach (var (name, study) in StudyPresets.All)
            {
                output.WriteLine($"  {name}: {StudyPresets.Describe(study)}");
            }
        });

        var info = new Command("info", "Show the device, libtorch version and threads.");
        info.SetAction(_ =>
        {
            var i = services.GetRequiredService<ILabEngine>().Device;
            output.WriteLine($"device {i.Device} (asked: {i.RequestedDevice}), libtorch {i.LibTorchVersion}, TorchSharp {i.TorchSharpVersion}, {i.Threads} threads");
        });

        var worker = new Command("worker", "Take runs from the lab's job store and compute them (Compute:Workers = Remote; see docs/DEPLOY.md). "
            + "Settings as --Section:Key=value, e.g. --Compute:LabUrl=https://lab.example.org.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        worker.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Workers.WorkerHost.Build([.. parse.UnmatchedTokens]);
            try
            {
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (Workers.LabAdmissionException refused)
            {
                // Logged already (critical); said once more as the last line, without a stack trace: nothing crashed.
                error.WriteLine($"The worker did not start: {refused.Message}");
                return 3;
            }
        });

        return new RootCommand("LocalityLab compute engine: IMP on fully connected networks, measured round by round.") { run, StudyCommand.Create(services, output, error), sample, presets, info, worker };
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? specPath, string? preset, string outDirectory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ExperimentSpec spec;
        try
        {
            spec = SpecFile.Load(specPath, preset);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }

        var engine = services.GetRequiredService<ILabEngine>();
        var target = new RunOutput(outDirectory);
        var progress = new TerminalProgress(error);
        int rounds = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var errors = engine.Check(spec);
            if (errors.Count > 0)
            {
                throw new ExperimentRejectedException(errors);
            }
            var e = engine.Estimate(spec);
            output.WriteLine($"{spec.Name}: D = {e.Inputs}, {e.Parameters:N0} parameters, {e.TotalSteps:N0} steps; "
                + $"estimate at most {e.PeakMemoryMegabytes:N0} MB, {e.Seconds / 60:N1} min");
            WarnAboutClippedKernels(engine, spec.Data, error);
            target.Begin(spec);
            await foreach (var round in engine.RunAsync(spec, progress, null, cancellationToken))
            {
                target.Append(round);
                rounds++;
                progress.EndLine();
                output.WriteLine($"round {round.Round}: sparsity {round.Sparsity:P1}, test accuracy {round.TestAccuracy:P1}, "
                    + $"median IPR {round.Ipr.Median:G3}, median spread {round.Spread.Median:G3}, "
                    + $"median excess kurtosis {round.ExcessKurtosis.Median:G3}, dead units {round.DeadUnits}");
            }
            output.WriteLine($"wrote {rounds} rounds to {Path.GetFullPath(outDirectory)}");
            output.WriteLine(RunCost.Describe(clock.Elapsed, Environment.ProcessId));
            return 0;
        }
        catch (ExperimentRejectedException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem.Message);
            }
            return BadInput;
        }
        catch (TrainingDivergedException e)
        {
            progress.EndLine();
            error.WriteLine(e.Message);
            error.WriteLine($"{rounds} completed rounds are in {Path.GetFullPath(outDirectory)}.");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            progress.EndLine();
            error.WriteLine($"Cancelled; {rounds} completed rounds are in {Path.GetFullPath(outDirectory)}.");
            return Cancelled;
        }
    }

    /// <summary>What the designer's preview warns about, on the terminal: a latent kernel that is sampled clipped, not as asked.</summary>
    private static void WarnAboutClippedKernels(ILabEngine engine, DataSpec data, TextWriter error)
    {
        foreach (string warning in KernelClipping.Warnings(data, engine.KernelClippings(data)))
        {
            error.WriteLine(warning);
        }
    }

    private static int Sample(ILabEngine engine, string? specPath, string? preset, int count, bool countGiven, string split, string outPath,
        TextWriter output, TextWriter error)
    {
        try
        {
            var spec = SpecFile.Load(specPath, preset);
            if (split != Fresh && countGiven)
            {
                throw new ArgumentException($"--n applies to --split fresh only: --split {split} writes the whole set, Data.{(split == TestSplit ? "TestSamples" : "TrainingSamples")} samples.");
            }
            if (count is < 1 or > 1_000_000)
            {
                throw new ArgumentException($"--n must be in [1, 1000000]; got {count}.");
            }
            var sample = engine.Sample(spec, split switch { TestSplit => SampleSplit.Test, TrainSplit => SampleSplit.Train, _ => SampleSplit.Fresh }, count);
            if (spec.Data.Source != DataSource.LocalImages)
            {
                WarnAboutClippedKernels(engine, spec.Data, error); // the spec is valid: the engine sampled it
            }
            var (rows, labels, width) = (sample.Inputs, sample.Labels, sample.Width);
            var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            using (var file = File.Create(outPath))
            {
                NpyWriter.WriteLabeledRows(file, rows, labels, width);
            }
            output.WriteLine($"wrote {labels.Length} samples of {width} inputs to {Path.GetFullPath(outPath)} (np.load(f)['x'], ['y'])");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            error.WriteLine(e.Message);
            return BadInput;
        }
    }
}
