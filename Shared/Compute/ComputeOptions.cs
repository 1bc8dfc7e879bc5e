using LocalityLab.Shared.Workers;

namespace LocalityLab.Shared.Compute;

/// <summary>The "Compute" section of appsettings.json.</summary>
public sealed class ComputeOptions
{
    public const string SectionName = "Compute";

    /// <summary>auto | cpu | cuda. Asking for cuda where libtorch sees no GPU stops start-up.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>libtorch intra-op threads; 0 gives <see cref="ThreadsOn"/>'s default: half the cores.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// The intra-op threads on a machine of <paramref name="cores"/> cores: <see cref="Threads"/>, or by default half the
    /// cores (at least one), because a run computes on two streams at once, one round's measures beside the next
    /// round's training. At the Quick demo's size one thread per stream is also the fastest: the products are too small
    /// for more threads to pay for waking each other (BENCHMARKS.md).
    /// </summary>
    public int ThreadsOn(int cores) => Threads > 0 ? Threads : Math.Max(1, cores / 2);

    /// <summary>How many experiments train at once; the rest wait in a first-in, first-out queue.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// The only folder LocalImages specs read (relative paths are relative to the working directory): their
    /// Data.ImagesPath and Data.LabelsPath name IDX files inside it.
    /// </summary>
    public string ImageFolder { get; set; } = ".data/images";

    /// <summary>
    /// Where runs are computed: InProcess (the default: the web process trains them) or Remote (worker processes,
    /// `dotnet run --project Compute -- worker`, take them from the job store on the lab's PostgreSQL database).
    /// </summary>
    public WorkerPlacement Workers { get; set; } = WorkerPlacement.InProcess;

    /// <summary>
    /// Remote workers only: how long a worker that stops answering keeps its runs. Within this time of its last
    /// heartbeat (every fifth of it) another worker takes the run and continues after its last stored round.
    /// </summary>
    public int WorkerLeaseSeconds { get; set; } = 60;

    /// <summary>Remote workers only: the secret the lab and its workers share (at least 32 characters); the worker API refuses any other.</summary>
    public string? WorkerKey { get; set; }

    /// <summary>The shortest <see cref="WorkerKey"/> the lab and a worker accept.</summary>
    public const int MinWorkerKeyLength = 32;

    /// <summary>A worker process only: the lab's address it reports to, e.g. https://lab.example.org.</summary>
    public string? LabUrl { get; set; }

    /// <summary>A worker process only: its name on the runs page (with its device); the machine's name when empty.</summary>
    public string? WorkerName { get; set; }

    /// <summary>What one experiment may ask of this server.</summary>
    public ComputeLimits Limits { get; set; } = new();
}
