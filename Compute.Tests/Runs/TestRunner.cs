using LocalityLab.Compute.Data;
using LocalityLab.Compute.Hosting;
using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Tests.Runs;

/// <summary>A CPU runner as the host builds it, and small specs that train in well under a second per round.</summary>
internal static class TestRunner
{
    private sealed class NoCuda : ICudaProbe
    {
        public int DeviceCount => 0;
    }

    public static ExperimentRunner Create(TimeProvider? time = null, ComputeLimits? limits = null, string? imageFolder = null)
    {
        var options = Options.Create(new ComputeOptions { Device = ComputeDevice.Cpu, Limits = limits ?? new ComputeLimits() });
        return new ExperimentRunner(new TorchRuntime(options, new NoCuda()), Admission(options, imageFolder), time ?? TimeProvider.System);
    }

    public static ExperimentAdmission Admission(IOptions<ComputeOptions> options, string? imageFolder = null) =>
        new(options, new ImageFolder(imageFolder ?? options.Value.ImageFolder));

    public static LocalityLab.Compute.Studies.StudyRunner CreateStudyRunner(TimeProvider? time = null)
    {
        var options = Options.Create(new ComputeOptions { Device = ComputeDevice.Cpu });
        var runs = Admission(options);
        return new LocalityLab.Compute.Studies.StudyRunner(new TorchRuntime(options, new NoCuda()), new LocalityLab.Compute.Studies.StudyAdmission(runs, options), runs, time ?? TimeProvider.System);
    }

    /// <summary>6 x 6 torus NLGP, K = 6 ReLU units, 3 rounds of 30% with rewinding to step 5.</summary>
    public static ExperimentSpec Small(long seed = 7) => new()
    {
        Name = "small",
        Seed = seed,
        Data = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 6,
            CorrelationLengths = [0.8, 2],
            Gain = 3,
            TrainingSamples = 400,
            TestSamples = 300,
        },
        Model = new ModelSpec { HiddenUnits = 6 },
        Training = new TrainingSpec { LearningRate = 0.05, BatchSize = 32, Epochs = 2 },
        Pruning = new PruningSpec { Rounds = 3, FractionPerRound = 0.3, Rewind = RewindKind.Step, RewindStep = 5 },
    };

    public static async Task<List<RoundResult>> CollectAsync(ExperimentRunner runner, ExperimentSpec spec, RoundCheckpoint? resumeFrom = null,
        CancellationToken cancellationToken = default)
    {
        var rounds = new List<RoundResult>();
        await foreach (var round in runner.RunAsync(spec, null, cancellationToken, resumeFrom))
        {
            rounds.Add(round);
        }
        return rounds;
    }
}
