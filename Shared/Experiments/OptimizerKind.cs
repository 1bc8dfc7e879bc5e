namespace LocalityLab.Shared.Experiments;

public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, with optional momentum.</summary>
    Sgd,

    Adam,
}
