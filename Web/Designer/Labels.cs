using LocalityLab.Shared.Experiments;

namespace LocalityLab.Web.Designer;

/// <summary>What a closed select shows for an enum value: the same words as its list item, not the C# name.</summary>
public static class Labels
{
    public static string? Of(Enum? value) => value switch
    {
        Geometry.Ring1D => "Ring (1D)",
        Geometry.Torus2D => "Torus (2D)",
        Architecture.TwoLayer => "Two-layer (D -> K -> 1)",
        Architecture.Mlp => "MLP (several hidden layers)",
        Activation.Relu => "ReLU",
        Activation.Erf => "erf(h / sqrt 2)",
        Activation.Tanh => "tanh",
        Initialization.InputScaled => "N(0, 1 / fan-in)",
        Initialization.Glorot => "Glorot uniform",
        OptimizerKind.Sgd => "SGD",
        OptimizerKind.Adam => "Adam",
        LossKind.Bce => "Binary cross-entropy",
        LossKind.Mse => "Mean squared error",
        PruningScope.Layerwise => "Layerwise",
        PruningScope.Global => "Global",
        PruningControl.None => "IMP (no control)",
        PruningControl.RandomPruning => "Random pruning",
        PruningControl.OneShot => "One-shot",
        PruningControl.RandomReinit => "Random reinitialisation (studies only)",
        RewindKind.Init => "To initialisation",
        RewindKind.Step => "To a step of round 0 (late rewinding)",
        RewindKind.None => "None (fine-tune)",
        _ => value?.ToString(),
    };

    public static Func<T, string?> For<T>() where T : struct, Enum => v => Of(v);
}
