using LocalityLab.Compute.Data;
using LocalityLab.Compute.Pruning;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Runs;

/// <summary>Decides whether this server takes a spec: the shared field validation, then Compute:Limits on the estimate.</summary>
internal sealed class ExperimentAdmission(IOptions<ComputeOptions> options, ImageFolder images)
{
    public IReadOnlyList<ValidationError> Check(ExperimentSpec? spec)
    {
        var errors = ExperimentSpecValidator.Validate(spec);
        if (errors.Count > 0 || spec is null)
        {
            return errors;
        }
        if (spec.Data.Source.Describe().Sampled && SourceSamplers.Find(spec.Data.Source) is null)
        {
            return [new ValidationError("Data.Source", $"Data.Source {spec.Data.Source} has no sampler in this engine; choose another source.")];
        }
        if (spec.Pruning.Strategy is { } strategy && !PruningStrategies.IsRegistered(strategy))
        {
            return [new ValidationError("Pruning.Strategy", $"Pruning.Strategy must be one of {PruningStrategies.Allowed}, or unset for the control's own; got '{strategy}'.")];
        }
        ResourceEstimate estimate;
        try
        {
            estimate = ResourceEstimator.Estimate(Locate(spec));
        }
        catch (ImageFileRefusedException e)
        {
            return [new ValidationError(e.Field, e.Message)];
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return [new ValidationError("Data.ImagesPath", e.Message)];
        }
        var limits = options.Value.Limits;
        var found = new List<ValidationError>();
        if (estimate.Parameters > limits.MaxParameters)
        {
            found.Add(new("Model", $"The network has {estimate.Parameters:N0} parameters; this server allows at most "
                + $"{limits.MaxParameters:N0} (Compute:Limits:MaxParameters). Use fewer or narrower hidden layers."));
        }
        if (estimate.PeakMemoryMegabytes > limits.MaxMemoryMegabytes)
        {
            found.Add(new("Data", $"The experiment needs an estimated {estimate.PeakMemoryMegabytes:N0} MB; this server allows at most "
                + $"{limits.MaxMemoryMegabytes:N0} MB (Compute:Limits:MaxMemoryMegabytes). Use fewer samples or a smaller input."));
        }
        if (estimate.Seconds / 60 > limits.MaxEstimatedMinutes)
        {
            found.Add(new("Training", $"The experiment would take an estimated {estimate.Seconds / 60:N0} minutes; this server allows at most "
                + $"{limits.MaxEstimatedMinutes:N0} (Compute:Limits:MaxEstimatedMinutes). Use fewer steps, epochs or rounds."));
        }
        return found;
    }

    public ResourceEstimate Estimate(ExperimentSpec spec) => ResourceEstimator.Estimate(Locate(spec));

    /// <summary>The spec the engine trains: a LocalImages spec's file names become full paths inside Compute:ImageFolder
    /// (<see cref="ImageFolder.Locate(DataSpec)"/>; throws <see cref="ImageFileRefusedException"/>).</summary>
    public ExperimentSpec Locate(ExperimentSpec spec) =>
        spec.Data.Source == DataSource.LocalImages ? spec with { Data = images.Locate(spec.Data) } : spec;
}
