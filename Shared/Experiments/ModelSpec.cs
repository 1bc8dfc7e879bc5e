namespace LocalityLab.Shared.Experiments;

/// <summary>The fully connected network. The first layer's receptive fields are what every measure looks at.</summary>
public sealed record ModelSpec
{
    public Architecture Architecture { get; init; } = Architecture.TwoLayer;

    /// <summary>TwoLayer: the number of hidden units K.</summary>
    public int HiddenUnits { get; init; } = 40;

    /// <summary>Mlp: the widths of the hidden layers, first to last.</summary>
    public int[] HiddenWidths { get; init; } = [];

    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>False fixes the output layer at 1/K for every unit (a committee machine, as Ingrosso &amp; Goldt).</summary>
    public bool SecondLayerTrainable { get; init; } = true;

    public bool Bias { get; init; } = true;

    public Initialization Initialization { get; init; } = Initialization.InputScaled;

    /// <summary>A BatchNorm (no affine) on the inputs, as Pellegrini &amp; Biroli.</summary>
    public bool InputBatchNorm { get; init; }
}
