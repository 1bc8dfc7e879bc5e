namespace LocalityLab.Shared.Experiments.Sources;

/// <summary>The nonlinear Gaussian process (Ingrosso &amp; Goldt 2022): x = erf(g z / sqrt 2) / sqrt(gamma(g)), z ~ N(0, C).</summary>
internal sealed class NlgpSource : LatentFieldSource
{
    public override string Key => "nlgp";

    public override string Label => "NLGP";
}
