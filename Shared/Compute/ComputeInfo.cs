namespace LocalityLab.Shared.Compute;

/// <summary>What the compute engine runs on, as the engine itself reports it.</summary>
/// <param name="Device">The device experiments run on: "cpu" or "cuda".</param>
/// <param name="RequestedDevice">What appsettings.json asked for (Compute:Device): "auto", "cpu" or "cuda".</param>
/// <param name="LibTorchVersion">The libtorch version TorchSharp is bound to, e.g. "2.10.0".</param>
/// <param name="TorchSharpVersion">The TorchSharp assembly version.</param>
/// <param name="Threads">libtorch's intra-op thread count.</param>
/// <param name="CudaDevices">How many CUDA devices libtorch sees (0 on a CPU build).</param>
public sealed record ComputeInfo(
    string Device,
    string RequestedDevice,
    string LibTorchVersion,
    string TorchSharpVersion,
    int Threads,
    int CudaDevices)
{
    /// <summary>How the lab names a worker with this engine: its machine and device, e.g. "lab-gpu-2 (cuda)".</summary>
    public string Worker => WorkerNamed(null);

    /// <summary>A worker with this engine under its own name (the machine's when empty), e.g. "gpu-worker-a (cuda)".</summary>
    public string WorkerNamed(string? name) => $"{(string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name.Trim())} ({Device})";
}
