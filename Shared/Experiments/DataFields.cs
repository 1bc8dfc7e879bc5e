namespace LocalityLab.Shared.Experiments;

/// <summary>The groups of <see cref="DataSpec"/> fields a data source reads (the designer shows those).</summary>
[Flags]
public enum DataFields
{
    None = 0,

    /// <summary>Geometry: ring or torus.</summary>
    Geometry = 1,

    /// <summary>Size: the ring's pixels or the torus side.</summary>
    Size = 2,

    /// <summary>The latent Gaussian field: CorrelationLengths, Gain, KernelExponent.</summary>
    LatentField = 4,

    /// <summary>IsingTemperatures, IsingSweeps.</summary>
    Ising = 8,

    /// <summary>ImagesPath, LabelsPath, ImageClasses.</summary>
    Images = 16,
}
