using TorchSharp;

namespace LocalityLab.Compute.Hosting;

/// <summary>Asks libtorch itself; 0 on the CPU build.</summary>
internal sealed class LibTorchCudaProbe : ICudaProbe
{
    public int DeviceCount => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}
