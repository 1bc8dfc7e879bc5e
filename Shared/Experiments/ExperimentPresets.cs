namespace LocalityLab.Shared.Experiments;

/// <summary>Ready-made experiments: the settings of the two papers this field starts from, and a fast demo.</summary>
public static class ExperimentPresets
{
    public const string QuickDemo = "Quick demo";
    public const string IngrossoGoldt2022 = "Ingrosso & Goldt 2022";
    public const string PellegriniBiroli2022 = "Pellegrini & Biroli 2022";

    /// <summary>2D NLGP, L = 20, xi = (1, 2), g = 10; K = 40 ReLU; 20,000 samples; 10 rounds of 30% layerwise, rewind to step 100.</summary>
    public static ExperimentSpec Quick { get; } = new()
    {
        Name = QuickDemo,
        Seed = 1,
        Data = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 20,
            CorrelationLengths = [1, 2],
            Gain = 10,
            TrainingSamples = 20_000,
            TestSamples = 2_000,
        },
        Model = new ModelSpec { HiddenUnits = 40, Activation = Activation.Relu },
        Training = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, BatchSize = 64, Epochs = 10 },
        Pruning = new PruningSpec
        {
            Rounds = 10,
            FractionPerRound = 0.3,
            Scope = PruningScope.Layerwise,
            Rewind = RewindKind.Step,
            RewindStep = 100,
        },
    };

    /// <summary>
    /// Ingrosso &amp; Goldt (PNAS 2022): committee machine (second layer fixed), K = 8, D = 400 (20 x 20 torus), erf,
    /// online SGD with batch 1, lr 0.05. Their gain g' in erf(g' z) is our g / sqrt 2: g' = 3 here is g = 4.243.
    /// </summary>
    public static ExperimentSpec IngrossoGoldt { get; } = new()
    {
        Name = IngrossoGoldt2022,
        Seed = 1,
        Data = new DataSpec
        {
            Source = DataSource.Nlgp,
            Geometry = Geometry.Torus2D,
            Size = 20,
            CorrelationLengths = [1, 3],
            Gain = 4.243,
            TrainingSamples = 0,
            TestSamples = 4_000,
        },
        Model = new ModelSpec
        {
            HiddenUnits = 8,
            Activation = Activation.Erf,
            SecondLayerTrainable = false,
            Bias = false,
        },
        Training = new TrainingSpec
        {
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 0.05,
            BatchSize = 1,
            Steps = 40_000,
            Loss = LossKind.Mse,
        },
        Pruning = new PruningSpec { Rounds = 10, FractionPerRound = 0.3, Rewind = RewindKind.Init },
    };

    /// <summary>
    /// Pellegrini &amp; Biroli (2022), scaled to run on a CPU: their 3 x 1024 ReLU MLP becomes 3 x 256, with input
    /// BatchNorm, Glorot initialisation, SGD lr 0.1, batch 1000; layerwise 30% per round over all hidden layers.
    /// </summary>
    public static ExperimentSpec PellegriniBiroli { get; } = new()
    {
        Name = PellegriniBiroli2022,
        Seed = 1,
        // The same data as the quick demo: their comparison is about the network, not the data.
        Data = Quick.Data,
        Model = new ModelSpec
        {
            Architecture = Architecture.Mlp,
            HiddenWidths = [256, 256, 256],
            Activation = Activation.Relu,
            Initialization = Initialization.Glorot,
            InputBatchNorm = true,
        },
        Training = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 1_000, Epochs = 20 },
        Pruning = new PruningSpec { Rounds = 8, FractionPerRound = 0.3, Scope = PruningScope.Layerwise, Rewind = RewindKind.Init },
    };

    /// <summary>
    /// A preset edited into another spec stops carrying the preset's bare name: when <paramref name="before"/> is a preset
    /// under its own name and <paramref name="after"/> changes what it computes but not its name, the name becomes
    /// "Quick demo (edited)", so a run of it is not mistaken for the preset's. Anything else is returned as it is.
    /// </summary>
    public static ExperimentSpec Edited(ExperimentSpec before, ExperimentSpec after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.Name == before.Name && All.TryGetValue(before.Name, out var preset) && preset.Identity == before.Identity
            && after.Identity != before.Identity
            ? after with { Name = $"{preset.Name} (edited)" }
            : after;
    }

    public static IReadOnlyDictionary<string, ExperimentSpec> All { get; } = new Dictionary<string, ExperimentSpec>(StringComparer.OrdinalIgnoreCase)
    {
        [QuickDemo] = Quick,
        [IngrossoGoldt2022] = IngrossoGoldt,
        [PellegriniBiroli2022] = PellegriniBiroli,
    };
}
