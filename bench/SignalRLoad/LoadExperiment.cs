using LocalityLab.Shared.Experiments;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// The run the subscribers watch: a 40 x 40 torus (D = 1600) and K = 100 hidden units, so each RoundCompleted carries
/// the largest first layer the lab streams; 6 rounds of about ten seconds each on two cores.
/// </summary>
public static class LoadExperiment
{
    public static ExperimentSpec Spec { get; } = new()
    {
        Name = "SignalR load benchmark",
        Seed = 11,
        Data = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 40,
            CorrelationLengths = [1, 2],
            Gain = 10,
            TrainingSamples = 4_000,
            TestSamples = 2_000,
        },
        Model = new ModelSpec { HiddenUnits = 100, Activation = Activation.Relu },
        Training = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, BatchSize = 64, Steps = 6_000 },
        Pruning = new PruningSpec { Rounds = 5, FractionPerRound = 0.3, Scope = PruningScope.Layerwise, Rewind = RewindKind.Step, RewindStep = 100 },
    };
}
