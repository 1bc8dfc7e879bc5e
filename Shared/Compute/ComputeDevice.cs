namespace LocalityLab.Shared.Compute;

/// <summary>The device asked for in appsettings.json (Compute:Device).</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when libtorch sees a GPU, otherwise the CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}
