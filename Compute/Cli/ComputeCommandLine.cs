using System.CommandLine;
using LocalityLab.Compute.Data;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Export;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static TorchSharp.torch;

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
        sample.SetAction(parse => Sample(services.GetRequiredService<ExperimentAdmission>(), parse.GetValue(sampleSpec), parse.GetValue(samplePreset), parse.GetValue(countOption),
            parse.GetResult(countOption) is { Implicit: false }, parse.GetValue(splitOption)!, parse.GetValue(sampleOut)!, output, error));

        var presets = new Command("presets", "List the presets.");
        presets.SetAction(_ =>
        {
            foreach (var name in ExperimentPresets.All.Keys)
            {
                output.WriteLine(name);
            }
        });

        var info = new Command("info", "Show the device, libtorch version and threads.");
        info.SetAction(_ =>
        {
            var i = services.GetRequiredService<TorchRuntime>().Info;
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
            await host.RunAsync(cancellationToken);
            return 0;
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

        var runner = services.GetRequiredService<ExperimentRunner>();
        var admission = services.GetRequiredService<ExperimentAdmission>();
        var target = new RunOutput(outDirectory);
        var progress = new TerminalProgress(error);
        int rounds = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var errors = admission.Check(spec);
            if (errors.Count > 0)
            {
                throw new ExperimentRejectedException(errors);
            }
            var e = admission.Estimate(spec);
            output.WriteLine($"{spec.Name}: D = {e.Inputs}, {e.Parameters:N0} parameters, {e.TotalSteps:N0} steps; "
                + $"estimate at most {e.PeakMemoryMegabytes:N0} MB, {e.Seconds / 60:N1} min");
            WarnAboutClippedKernels(spec.Data, error);
            target.Begin(spec);
            await foreach (var round in runner.RunAsync(spec, progress, cancellationToken))
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
    private static void WarnAboutClippedKernels(DataSpec data, TextWriter error)
    {
        var clippings = LatentKernelCheck.Clippings(data);
        for (int label = 0; label < clippings.Count; label++)
        {
            if (clippings[label] is { } clipping)
            {
                error.WriteLine(FormattableString.Invariant($"warning (xi = {data.CorrelationLengths[label]}, p = {data.KernelExponent}): {clipping.Describe(label)}"));
            }
        }
    }

    private static int Sample(ExperimentAdmission admission, string? specPath, string? preset, int count, bool countGiven, string split, string outPath,
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
            var errors = Shared.Validation.ExperimentSpecValidator.Validate(spec);
            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Join(Environment.NewLine, errors.Select(x => x.Message)));
            }
            spec = admission.Locate(spec);
            using var generator = new Generator(RunSeeds.Training(spec.Seed));
            float[] rows;
            int[] labels;
            int width;
            if (split != Fresh)
            {
                if (split == TrainSplit && spec.Data.TrainingSamples == 0)
                {
                    throw new ArgumentException(
                        "--split train: this spec trains online (Data.TrainingSamples = 0), on fresh samples every step, so it has no fixed training set; use --split fresh.");
                }
                WarnAboutClippedKernels(spec.Data, error);
                // The run's own data stream and builder, so these are the very sets a run of this spec uses.
                using var dataGenerator = RunSeeds.DataGenerator(spec);
                using var data = ExperimentDataBuilder.Build(spec.Data, dataGenerator);
                var set = split == TestSplit ? data.Test : data.Train!;
                rows = set.Inputs.contiguous().data<float>().ToArray();
                labels = [.. set.Labels.data<long>().ToArray().Select(l => (int)l)];
                width = data.Shape.Inputs;
            }
            else if (spec.Data.Source == DataSource.LocalImages)
            {
                using var data = ExperimentDataBuilder.Build(spec.Data, generator);
                var set = data.Train!;
                int n = Math.Min(count, set.Count);
                rows = set.Inputs.narrow(0, 0, n).data<float>().ToArray();
                labels = [.. set.Labels.narrow(0, 0, n).data<long>().ToArray().Select(l => (int)l)];
                width = data.Shape.Inputs;
            }
            else
            {
                WarnAboutClippedKernels(spec.Data, error);
                using var source = ExperimentDataBuilder.CreateSource(spec.Data);
                using var batch = source.Sample(count, generator);
                rows = batch.Inputs.data<float>().ToArray();
                labels = [.. batch.Labels.data<long>().ToArray().Select(l => (int)l)];
                width = source.Shape.Inputs;
            }
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
