using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Compute;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace LocalityLab.Compute.Tests.Hosting;

[Collection(LibTorchThreadsCollection.Name)]
public sealed class TorchRuntimeTests
{
    private sealed class FixedCudaProbe(int devices) : ICudaProbe
    {
        public int DeviceCount => devices;
    }

    private static TorchRuntime Create(ComputeDevice device, int threads, int cudaDevices) =>
        new(Options.Create(new ComputeOptions { Device = device, Threads = threads }), new FixedCudaProbe(cudaDevices));

    [Fact]
    public void Auto_picks_the_cpu_when_libtorch_sees_no_gpu()
    {
        var runtime = Create(ComputeDevice.Auto, 0, cudaDevices: 0);

        Assert.Equal("cpu", runtime.Info.Device);
        Assert.Equal("auto", runtime.Info.RequestedDevice);
        Assert.Equal(DeviceType.CPU, runtime.DeviceType);
        Assert.Equal("2.10.0", runtime.Info.LibTorchVersion);
    }

    [Fact]
    public void Auto_picks_cuda_when_a_gpu_is_seen()
    {
        // Only the decision is checked here: no tensor is placed, so this runs without a GPU.
        var runtime = Create(ComputeDevice.Auto, 0, cudaDevices: 2);

        Assert.Equal("cuda", runtime.Info.Device);
        Assert.Equal(2, runtime.Info.CudaDevices);
    }

    [Fact]
    public void By_default_a_stream_gets_half_the_cores()
    {
        int before = torch.get_num_threads();
        try
        {
            var runtime = Create(ComputeDevice.Cpu, 0, cudaDevices: 0);

            Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), runtime.Info.Threads);
            Assert.Equal(runtime.Info.Threads, torch.get_num_threads());
            Assert.Equal(1, new ComputeOptions().ThreadsOn(2));
            Assert.Equal(8, new ComputeOptions().ThreadsOn(16));
            Assert.Equal(1, new ComputeOptions().ThreadsOn(1));
            Assert.Equal(3, new ComputeOptions { Threads = 3 }.ThreadsOn(16));
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void Threads_setting_reaches_libtorch()
    {
        int before = torch.get_num_threads();
        try
        {
            var runtime = Create(ComputeDevice.Cpu, 1, cudaDevices: 0);

            Assert.Equal(1, runtime.Info.Threads);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void The_repository_appsettings_is_read_from_beside_the_program_whatever_the_working_directory()
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        try
        {
            var configuration = new ConfigurationBuilder().AddLocalityLabSettings().Build();
            var services = new ServiceCollection().AddLocalityLabCompute(configuration).BuildServiceProvider();

            var options = services.GetRequiredService<IOptions<ComputeOptions>>().Value;

            Assert.Equal(ComputeDevice.Auto, options.Device);
            Assert.Equal("auto", configuration["Compute:Device"]);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
