namespace LocalityLab.Shared.Experiments.Sources;

/// <summary>Gaussian inputs with exactly the NLGP's covariance: the same second-order statistics, no higher cumulants.</summary>
internal sealed class GaussianCloneSource : LatentFieldSource
{
    public override string Key => "gaussianClone";

    public override string Label => "Gaussian clone";

    public override string Note => "The Gaussian clone: the NLGP's covariance, without its higher cumulants.";
}
