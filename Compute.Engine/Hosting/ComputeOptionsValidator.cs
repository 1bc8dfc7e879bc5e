using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Hosting;

/// <summary>Checks the Compute section against what this machine and this libtorch build can do.</summary>
internal sealed class ComputeOptionsValidator(ICudaProbe cuda) : IValidateOptions<ComputeOptions>
{
    public const int MaxThreads = 1024;
    public const int MinLeaseSeconds = 5, MaxLeaseSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, ComputeOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Device))
        {
            failures.Add($"Compute:Device must be one of auto, cpu, cuda; got '{options.Device}'.");
        }
        if (options.Threads is < 0 or > MaxThreads)
        {
            failures.Add($"Compute:Threads must be in [0, {MaxThreads}] (0 = half the cores); got {options.Threads}.");
        }
        if (options.MaxConcurrentRuns is < 1 or > 64)
        {
            failures.Add($"Compute:MaxConcurrentRuns must be in [1, 64]; got {options.MaxConcurrentRuns}.");
        }
        if (options.Limits.MaxMemoryMegabytes < 64)
        {
            failures.Add($"Compute:Limits:MaxMemoryMegabytes must be at least 64; got {options.Limits.MaxMemoryMegabytes}.");
        }
        if (!(options.Limits.MaxEstimatedMinutes > 0))
        {
            failures.Add($"Compute:Limits:MaxEstimatedMinutes must be above 0; got {options.Limits.MaxEstimatedMinutes}.");
        }
        if (options.Limits.MaxParameters < 1000)
        {
            failures.Add($"Compute:Limits:MaxParameters must be at least 1000; got {options.Limits.MaxParameters}.");
        }
        if (string.IsNullOrWhiteSpace(options.ImageFolder))
        {
            failures.Add("Compute:ImageFolder must name a folder (the only one LocalImages specs may read); it is empty.");
        }
        if (!Enum.IsDefined(options.Workers))
        {
            failures.Add($"Compute:Workers must be InProcess or Remote; got '{options.Workers}'.");
        }
        if (options.WorkerLeaseSeconds is < MinLeaseSeconds or > MaxLeaseSeconds)
        {
            failures.Add($"Compute:WorkerLeaseSeconds must be in [{MinLeaseSeconds}, {MaxLeaseSeconds}]; got {options.WorkerLeaseSeconds}.");
        }
        if (options.Workers == WorkerPlacement.Remote && (options.WorkerKey?.Length ?? 0) < ComputeOptions.MinWorkerKeyLength)
        {
            failures.Add($"Compute:WorkerKey must be at least {ComputeOptions.MinWorkerKeyLength} characters when Compute:Workers is Remote (the lab and its workers share it); "
                + $"it has {options.WorkerKey?.Length ?? 0}.");
        }
        if (options.Device == ComputeDevice.Cuda && cuda.DeviceCount == 0)
        {
            failures.Add("Compute:Device is 'cuda' but libtorch sees no CUDA device: this build uses the CPU libtorch "
                + "package (build with -p:TorchBackend=cuda, see README) or the server has no usable GPU. "
                + "Set Compute:Device to 'auto' or 'cpu'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
