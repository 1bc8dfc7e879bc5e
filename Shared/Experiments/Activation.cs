namespace LocalityLab.Shared.Experiments;

public enum Activation
{
    Relu,

    /// <summary>erf(h / sqrt 2).</summary>
    Erf,

    Tanh,
}
