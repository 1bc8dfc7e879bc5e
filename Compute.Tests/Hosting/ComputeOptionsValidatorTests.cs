using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Compute;

namespace LocalityLab.Compute.Tests.Hosting;

public sealed class ComputeOptionsValidatorTests
{
    private sealed class FixedCudaProbe(int devices) : ICudaProbe
    {
        public int DeviceCount => devices;
    }

    [Fact]
    public void Cuda_without_a_gpu_is_refused_naming_the_setting()
    {
        var validator = new ComputeOptionsValidator(new FixedCudaProbe(0));

        var result = validator.Validate(null, new ComputeOptions { Device = ComputeDevice.Cuda });

        Assert.True(result.Failed);
        Assert.Contains("Compute:Device is 'cuda' but libtorch sees no CUDA device", result.FailureMessage);
    }

    [Fact]
    public void Cuda_with_a_gpu_is_accepted()
    {
        var validator = new ComputeOptionsValidator(new FixedCudaProbe(1));

        var result = validator.Validate(null, new ComputeOptions { Device = ComputeDevice.Cuda });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ComputeOptionsValidator.MaxThreads + 1)]
    public void Threads_out_of_range_are_refused_with_the_range(int threads)
    {
        var validator = new ComputeOptionsValidator(new FixedCudaProbe(0));

        var result = validator.Validate(null, new ComputeOptions { Threads = threads });

        Assert.True(result.Failed);
        Assert.Contains($"Compute:Threads must be in [0, {ComputeOptionsValidator.MaxThreads}]", result.FailureMessage);
        Assert.Contains($"got {threads}", result.FailureMessage);
    }
}
