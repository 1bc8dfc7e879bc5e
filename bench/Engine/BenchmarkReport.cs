namespace LocalityLab.Bench.Engine;

/// <summary>What `compute bench --out FILE.json` writes: which engine ran, on how many threads, and every result.</summary>
/// <param name="Threads">libtorch intra-op threads while timing (Compute:Threads, or one per core when 0).</param>
/// <param name="InteropThreads">libtorch inter-op threads (unused by these single-stream workloads).</param>
/// <param name="OmpWaitPolicy">OMP_WAIT_POLICY as this process saw it: whether libtorch's idle OpenMP threads spin or sleep.</param>
public sealed record BenchmarkReport(
    string Engine,
    string LibTorch,
    string TorchSharp,
    int Threads,
    int InteropThreads,
    string? OmpWaitPolicy,
    DateTimeOffset Started,
    IReadOnlyList<BenchmarkResult> Results);
