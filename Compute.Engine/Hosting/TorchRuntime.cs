using LocalityLab.Shared.Compute;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace LocalityLab.Compute.Hosting;

/// <summary>
/// The engine's one view of libtorch: applies Compute:Threads once and resolves Compute:Device to a concrete device.
/// A singleton: libtorch's thread pool is process-wide.
/// </summary>
internal sealed class TorchRuntime
{
    public TorchRuntime(IOptions<ComputeOptions> options, ICudaProbe cuda)
    {
        var settings = options.Value;
        torch.set_num_threads(settings.ThreadsOn(Environment.ProcessorCount));
        int cudaDevices = cuda.DeviceCount;
        bool useCuda = settings.Device switch
        {
            ComputeDevice.Cuda => true,
            ComputeDevice.Auto => cudaDevices > 0,
            _ => false,
        };
        DeviceType = useCuda ? DeviceType.CUDA : DeviceType.CPU;
        Info = new ComputeInfo(
            Device: useCuda ? "cuda" : "cpu",
            RequestedDevice: settings.Device.ToString().ToLowerInvariant(),
            LibTorchVersion: LibTorchVersion(),
            TorchSharpVersion: typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            Threads: torch.get_num_threads(),
            CudaDevices: cudaDevices);
    }

    public DeviceType DeviceType { get; }

    /// <summary>The device tensors and models are placed on; CUDA is initialised only when first placed on.</summary>
    public torch.Device Device => DeviceType == DeviceType.CUDA ? torch.CUDA : torch.CPU;

    public ComputeInfo Info { get; }

    // torch.__version__ reports libtorch's own version with a fourth component ("2.10.0.0").
    private static string LibTorchVersion()
    {
        var parts = torch.__version__.Split('.');
        return string.Join('.', parts.Take(3));
    }
}
