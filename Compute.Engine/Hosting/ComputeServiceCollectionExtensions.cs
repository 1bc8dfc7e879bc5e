using LocalityLab.Compute.Runs;
using LocalityLab.Shared.Compute;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Hosting;

public static class ComputeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: Compute options (validated at start), the libtorch runtime, the experiment and study
    /// runners, and <see cref="Shared.Engine.ILabEngine"/>, the face the lab's pages use.
    /// </summary>
    public static IServiceCollection AddLocalityLabCompute(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComputeOptions>()
            .Bind(configuration.GetSection(ComputeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddSingleton<ICudaProbe, LibTorchCudaProbe>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComputeOptions>, ComputeOptionsValidator>());
        services.TryAddSingleton<TorchRuntime>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new Data.ImageFolder(provider.GetRequiredService<IOptions<ComputeOptions>>().Value.ImageFolder));
        services.TryAddSingleton<ExperimentAdmission>();
        services.TryAddSingleton<Data.DataSampler>();
        services.TryAddSingleton<ExperimentRunner>();
        services.TryAddSingleton<Studies.StudyAdmission>();
        services.TryAddSingleton<Studies.StudyRunner>();
        services.TryAddSingleton<Shared.Engine.ILabEngine, Engine.InProcessEngine>();
        return services;
    }
}
