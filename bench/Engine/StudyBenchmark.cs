using System.Diagnostics;
using LocalityLab.Compute.Runs;
using LocalityLab.Compute.Studies;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Studies;
using static TorchSharp.torch;

namespace LocalityLab.Bench.Engine;

/// <summary>
/// Studies through <see cref="StudyRunner"/> (nothing written to disk): IMP alone with 8 replicates against 1, the
/// "Paper comparison (Quick demo size)" preset (5 conditions x 8 replicates) with the process's memory after each
/// round, and the same 40 replicates as separate single runs through <see cref="ExperimentRunner"/>.
/// </summary>
internal sealed class StudyBenchmark(StudyRunner studies, ExperimentRunner runs) : IBenchmarkSuite
{
    /// <summary>8 replicates trained together should cost at most this many single replicates.</summary>
    public const double TargetReplicateRatio = 2;

    /// <summary>The whole preset on 2 cores.</summary>
    public const double TargetStudySeconds = 120;

    /// <summary>Memory counts as flat when the RSS after the last round exceeds that after the first by at most this much.</summary>
    public const double FlatRssGrowthMiB = 64;

    public string Name => "study";

    public static string ReplicatesCase(int replicates) =>
        $"IMP alone, {replicates} replicate{(replicates == 1 ? "" : "s")}, Quick demo size, {ExperimentPresets.Quick.RoundCount} rounds";

    public static string StudyCase => $"\"{StudyPresets.SmokeTestName}\" preset: {StudyPresets.SmokeTest.Conditions.Length} conditions x {StudyPresets.SmokeTest.Replicates} replicates";

    public static string SingleRunCase =>
        $"the same replicate as a single run (ExperimentRunner), timed alternately with the 1-replicate study";

    public static string SeparateRunsCase =>
        $"the same {StudyPresets.SmokeTest.Conditions.Length * StudyPresets.SmokeTest.Replicates} replicates as separate single runs";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var paper = StudyPresets.SmokeTest with { Seed = settings.Seed };
        var imp = paper with { Conditions = [StudyCondition.Imp] };

        // Warm-up: every code path of the timed work (the controls included) on 2 replicates, 1 epoch, 1 pruning round.
        var small = paper.Base with
        {
            Training = paper.Base.Training with { Epochs = 1 },
            Pruning = paper.Base.Pruning with { Rounds = 1 },
        };
        await RunStudyAsync(paper with { Replicates = 2, Base = small }, memory: null, cancellationToken);
        await RunSeparatelyAsync(paper with { Replicates = 1, Base = small }, cancellationToken);

        var results = new List<BenchmarkResult>();
        // These take seconds, so as many repeats as the imp-run suite's; the 1-replicate study and the single run of its
        // spec alternate, so whatever else the machine does falls on both alike.
        int repeats = Math.Max(settings.StudyRepeats, settings.ImpRepeats);
        var eight = new double[repeats];
        var eightCpu = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            (eight[i], eightCpu[i]) = await TimeWithCpuAsync(() => RunStudyAsync(imp, memory: null, cancellationToken));
            log.WriteLine($"{Name} {ReplicatesCase(imp.Replicates)}, run {i + 1}: {eight[i]:F1} s ({eightCpu[i]:F1} s of CPU)");
        }
        var one = new double[repeats];
        var oneCpu = new double[repeats];
        var single = new double[repeats];
        var alone = imp.ReplicateSpec(StudyCondition.Imp, 0);
        for (int i = 0; i < repeats; i++)
        {
            (one[i], oneCpu[i]) = await TimeWithCpuAsync(() => RunStudyAsync(imp with { Replicates = 1 }, memory: null, cancellationToken));
            single[i] = (await TimeWithCpuAsync(() => RunSingleAsync(alone, cancellationToken))).Seconds;
            log.WriteLine($"{Name} {ReplicatesCase(1)}, run {i + 1}: {one[i]:F1} s ({oneCpu[i]:F1} s of CPU); single run {single[i]:F1} s");
        }
        double ratio = BenchmarkResult.MedianOf(eight) / BenchmarkResult.MedianOf(one);
        // How busy the replicates keep the cores: CPU seconds over wall seconds x cores. Near 1, no schedule of the same
        // arithmetic finishes sooner on this machine.
        int cores = Environment.ProcessorCount;
        double busy = BenchmarkResult.MedianOf(eightCpu) / (BenchmarkResult.MedianOf(eight) * cores);
        results.Add(new BenchmarkResult(Name, ReplicatesCase(1), "s", HigherIsBetter: false, Warmups: 1, one,
            new Dictionary<string, double>
            {
                ["replicates"] = 1,
                ["cpuSeconds"] = BenchmarkResult.MedianOf(oneCpu),
                ["ratioToSingleRun"] = BenchmarkResult.MedianOf(one) / BenchmarkResult.MedianOf(single),
            },
            "StudyRunner on a study of IMP alone with 1 replicate: data, 11 rounds of training, evaluation, pruning and every measure; "
            + "cpuSeconds is the process's CPU time over it"));
        results.Add(new BenchmarkResult(Name, SingleRunCase, "s", HigherIsBetter: false, Warmups: 1, single,
            new Dictionary<string, double> { ["replicates"] = 1 },
            "ExperimentRunner on the 1-replicate study's spec, each repeat right after the study's"));
        results.Add(new BenchmarkResult(Name, ReplicatesCase(imp.Replicates), "s", HigherIsBetter: false, Warmups: 1, eight,
            new Dictionary<string, double>
            {
                ["replicates"] = imp.Replicates,
                ["ratioToOneReplicate"] = ratio,
                ["targetRatio"] = TargetReplicateRatio,
                ["cores"] = cores,
                ["cpuSeconds"] = BenchmarkResult.MedianOf(eightCpu),
                ["coresBusy"] = busy,
            },
            $"the same with {imp.Replicates} replicates, each trained as its own run on the CPU, each round measured beside the next round's training; "
            + "cpuSeconds is the process's CPU time over it, coresBusy that over the wall time and the cores"));
        log.WriteLine($"{Name}: {imp.Replicates} replicates cost {ratio:F2} x 1 replicate, target <= {TargetReplicateRatio:0}: "
            + (ratio <= TargetReplicateRatio ? "met" : "NOT met") + $"; the {cores} cores {100 * busy:F0}% busy");

        var seconds = new List<double>();
        var memory = new List<(string Round, double RssMiB, long LiveTensors)>();
        for (int i = 0; i < settings.StudyRepeats; i++)
        {
            memory.Clear();
            seconds.Add(await TimeAsync(() => RunStudyAsync(paper, memory, cancellationToken)));
            log.WriteLine($"{Name} {StudyCase}, run {i + 1}: {seconds[^1]:F1} s");
        }
        var details = new Dictionary<string, double>
        {
            ["targetSeconds"] = TargetStudySeconds,
            ["rounds"] = memory.Count,
            ["rssFirstRoundMiB"] = memory[0].RssMiB,
            ["rssLastRoundMiB"] = memory[^1].RssMiB,
            ["rssMaxMiB"] = memory.Max(m => m.RssMiB),
            ["rssGrowthMiB"] = memory[^1].RssMiB - memory[0].RssMiB,
            ["flatRssGrowthMiB"] = FlatRssGrowthMiB,
            ["liveTensorsFirstRound"] = memory[0].LiveTensors,
            ["liveTensorsLastRound"] = memory[^1].LiveTensors,
        };
        for (int r = 0; r < memory.Count; r++)
        {
            details[$"memory.{r:D2}.{memory[r].Round}.rssMiB"] = memory[r].RssMiB;
            details[$"memory.{r:D2}.{memory[r].Round}.liveTensors"] = memory[r].LiveTensors;
        }
        var study = new BenchmarkResult(Name, StudyCase, "s", HigherIsBetter: false, Warmups: 1, seconds, details,
            "StudyRunner with every condition's replicates trained together; memory after each condition's round (all its "
            + "replicates): process RSS and live native tensors after a full collection, whose time is inside the wall time");
        results.Add(study);
        bool flat = details["rssGrowthMiB"] <= FlatRssGrowthMiB;
        log.WriteLine($"{Name} {StudyCase}: {study.Median:F1} s (median of {study.Runs}), target < {TargetStudySeconds:0} s: "
            + (study.Median < TargetStudySeconds ? "met" : "NOT met") + $"; RSS {memory[0].RssMiB:F0} MiB after its first round, "
            + $"{memory[^1].RssMiB:F0} MiB after its last (max {details["rssMaxMiB"]:F0}): " + (flat ? "flat" : "NOT flat"));

        double separate = await TimeAsync(() => RunSeparatelyAsync(paper, cancellationToken));
        log.WriteLine($"{Name} {SeparateRunsCase}: {separate:F1} s, {separate / study.Median:F2} x the study");
        results.Add(new BenchmarkResult(Name, SeparateRunsCase, "s", HigherIsBetter: false, Warmups: 1, [separate],
            new Dictionary<string, double> { ["runs"] = paper.Conditions.Length * paper.Replicates, ["ratioToStudy"] = separate / study.Median },
            "ExperimentRunner, one replicate spec after another (each control standalone: it trains its own dense round 0, "
            + "which the study's branches share with IMP; random reinitialisation, which runs only in a study, as plain IMP "
            + "of the same size); timed once"));
        return results;
    }

    /// <summary>Wall and process CPU seconds of <paramref name="work"/>, after a full collection.</summary>
    private static async Task<(double Seconds, double CpuSeconds)> TimeWithCpuAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await work();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private async Task RunSingleAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        await foreach (var _ in runs.RunAsync(spec, progress: null, cancellationToken))
        {
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work) => (await TimeWithCpuAsync(work)).Seconds;

    /// <param name="memory">When given, gets the RSS and live tensors after each condition's round, each after a full collection.</param>
    private async Task RunStudyAsync(StudySpec study, List<(string Round, double RssMiB, long LiveTensors)>? memory, CancellationToken cancellationToken)
    {
        await foreach (var round in studies.RunAsync(study, progress: null, cancellationToken))
        {
            if (memory is not null && round.Replicate == study.Replicates - 1)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                memory.Add(($"{(round.Conditions[^1]).Key}{round.Result.Round}", Environment.WorkingSet / (1024.0 * 1024.0), Tensor.TotalCount));
            }
        }
    }

    /// <summary>
    /// Every replicate spec through <see cref="ExperimentRunner"/>. Random reinitialisation follows IMP's masks and so
    /// runs only inside a study; its stand-in is the same spec as plain IMP, which trains and measures as much per round.
    /// </summary>
    private async Task RunSeparatelyAsync(StudySpec study, CancellationToken cancellationToken)
    {
        foreach (var condition in study.Conditions)
        {
            for (int r = 0; r < study.Replicates; r++)
            {
                var spec = study.ReplicateSpec(condition, r);
                if (condition == StudyCondition.RandomReinit)
                {
                    spec = spec with { Pruning = spec.Pruning with { Control = PruningControl.None } };
                }
                await RunSingleAsync(spec, cancellationToken);
            }
        }
    }
}
