using System.Text.Json.Serialization;

namespace LocalityLab.Shared.Experiments;

/// <summary>The data distribution: two balanced classes (label 0 and 1), a fixed test set, online or fixed training set.</summary>
public sealed record DataSpec
{
    public DataSource Source { get; init; } = DataSource.Nlgp;

    public Geometry Geometry { get; init; } = Geometry.Torus2D;

    /// <summary>Ring: the number of pixels D. Torus: the side L (D = L * L). Ignored for LocalImages (read from the file).</summary>
    public int Size { get; init; } = 20;

    /// <summary>Correlation length xi of the latent field, one per class (class 0 first): "short vs long range".</summary>
    public double[] CorrelationLengths { get; init; } = [1, 2];

    /// <summary>Gain g of x = erf(g z / sqrt 2) / sqrt(gamma(g)); g -> 0 is Gaussian. Other papers' g is this g / sqrt 2.</summary>
    public double Gain { get; init; } = 10;

    /// <summary>Exponent p of the kernel exp(-(d / xi)^p): 2 is the squared-exponential, 1 the exponential (Ising-like).</summary>
    public double KernelExponent { get; init; } = 2;

    /// <summary>Size P of the fixed training set; 0 trains online (fresh samples every step).</summary>
    public int TrainingSamples { get; init; } = 20_000;

    /// <summary>Size of the fixed test set every measure is computed on.</summary>
    public int TestSamples { get; init; } = 2_000;

    /// <summary>Ising: temperature per class (class 0 first), in units of J / k_B; the critical point is about 2.269.</summary>
    public double[] IsingTemperatures { get; init; } = [2.0, 3.5];

    /// <summary>Ising: Metropolis sweeps (one sweep = one update per spin) from a random start, per sample.</summary>
    public int IsingSweeps { get; init; } = 200;

    /// <summary>LocalImages: path of the IDX image file (unsigned bytes, n x rows x cols) on the server.</summary>
    public string? ImagesPath { get; init; }

    /// <summary>LocalImages: path of the IDX label file (unsigned bytes, n).</summary>
    public string? LabelsPath { get; init; }

    /// <summary>LocalImages: the two labels in the file that become class 0 and class 1.</summary>
    public int[] ImageClasses { get; init; } = [0, 1];

    /// <summary>The data in a few words, as the runs list shows it ("Nlgp 20x20 torus, xi 1/2, g 10"), the same in every culture.</summary>
    [JsonIgnore]
    public string Summary =>
        $"{char.ToUpperInvariant(Source.Key[0])}{Source.Key[1..]} {DataSources.Find(Source.Key)?.Describe(this)}";
}
