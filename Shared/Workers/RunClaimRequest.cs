using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// A worker asks for a run or a study condition: its name (machine and device), recorded as the runs' ComputedOn, and
/// its build (<see cref="Provenance.LabVersion.Current"/> of the worker's own process), recorded as their ComputedBy:
/// the build that computes a run is the worker's, whichever build the web app that stores its rounds runs.
/// </summary>
public sealed record RunClaimRequest(string Worker, string Build)
{
    /// <summary>The longest worker name the store keeps (runs.ComputedOn).</summary>
    public const int MaxWorkerLength = 200;

    /// <summary>Why the request is refused, or null when the worker and its build are each named in 1 to <see cref="MaxWorkerLength"/> characters.</summary>
    public ValidationError? Check() =>
        string.IsNullOrWhiteSpace(Worker) || Worker.Trim().Length > MaxWorkerLength
            ? new ValidationError("Worker", $"Worker must name the worker in 1 to {MaxWorkerLength} characters; got {Worker?.Length ?? 0}.")
        : string.IsNullOrWhiteSpace(Build) || Build.Trim().Length > MaxWorkerLength
            ? new ValidationError("Build", $"Build must name the worker's build in 1 to {MaxWorkerLength} characters; got {Build?.Length ?? 0}.")
        : null;
}
