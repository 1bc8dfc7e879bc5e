namespace LocalityLab.Shared.Experiments;

public enum Initialization
{
    /// <summary>Weights N(0, 1 / fan_in): N(0, 1/D) for the first layer. Biases zero.</summary>
    InputScaled,

    /// <summary>Glorot (Xavier) uniform, U(±sqrt(6 / (fan_in + fan_out))), as Pellegrini &amp; Biroli. Biases zero.</summary>
    Glorot,
}
