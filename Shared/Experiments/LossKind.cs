namespace LocalityLab.Shared.Experiments;

public enum LossKind
{
    /// <summary>Binary cross-entropy on the output logit, label y in {0, 1}.</summary>
    Bce,

    /// <summary>Mean squared error of the output against 2y - 1 (so ±1).</summary>
    Mse,
}
