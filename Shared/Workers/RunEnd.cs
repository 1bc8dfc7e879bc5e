using LocalityLab.Shared.Runs;

namespace LocalityLab.Shared.Workers;

/// <summary>
/// How a worker's turn on a run ended: Completed (every round stored), Failed (with the reason), or Queued (the worker
/// is stopping and hands the run back; the job engine gives it to the next free worker).
/// </summary>
public sealed record RunEnd(Guid Claim, RunStatus Status, string? Error);
