using LocalityLab.Shared.Validation;

namespace LocalityLab.Shared.Workers;

/// <summary>A worker asks for a run or a study condition: its name (machine and device), recorded as the runs' ComputedOn.</summary>
public sealed record RunClaimRequest(string Worker)
{
    /// <summary>The longest worker name the store keeps (runs.ComputedOn).</summary>
    public const int MaxWorkerLength = 200;

    /// <summary>Why the request is refused, or null when the worker is named in 1 to <see cref="MaxWorkerLength"/> characters.</summary>
    public ValidationError? Check() => string.IsNullOrWhiteSpace(Worker) || Worker.Trim().Length > MaxWorkerLength
        ? new ValidationError("Worker", $"Worker must name the worker in 1 to {MaxWorkerLength} characters; got {Worker?.Length ?? 0}.")
        : null;
}
