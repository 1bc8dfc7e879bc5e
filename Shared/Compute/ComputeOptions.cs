namespace LocalityLab.Shared.Compute;

/// <summary>The "Compute" section of appsettings.json.</summary>
public sealed class ComputeOptions
{
    public const string SectionName = "Compute";

    /// <summary>auto | cpu | cuda. Asking for cuda where libtorch sees no GPU stops start-up.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>libtorch intra-op threads; 0 keeps libtorch's default (one per core).</summary>
    public int Threads { get; set; }

    /// <summary>How many experiments train at once; the rest wait in a first-in, first-out queue.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// The only folder LocalImages specs read (relative paths are relative to the working directory): their
    /// Data.ImagesPath and Data.LabelsPath name IDX files inside it.
    /// </summary>
    public string ImageFolder { get; set; } = ".data/images";

    /// <summary>What one experiment may ask of this server.</summary>
    public ComputeLimits Limits { get; set; } = new();
}
