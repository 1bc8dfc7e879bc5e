namespace LocalityLab.Shared.Experiments;

/// <summary>Where the inputs come from (SCIENCE.md, "Data").</summary>
public enum DataSource
{
    /// <summary>Nonlinear Gaussian process: x = erf(g z / sqrt 2) / sqrt(gamma(g)), z ~ N(0, C) (Ingrosso &amp; Goldt 2022).</summary>
    Nlgp,

    /// <summary>Gaussian inputs with exactly the NLGP's covariance: same second-order statistics, no higher cumulants.</summary>
    GaussianClone,

    /// <summary>2D Ising spins (±1) sampled by Metropolis at one temperature per class.</summary>
    Ising,

    /// <summary>Grayscale images and labels read from IDX files (the MNIST format) on the server.</summary>
    LocalImages,
}
