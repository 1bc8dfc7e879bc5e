namespace LocalityLab.Shared.Workers;

/// <summary>The lab's API for remote workers: what a worker calls, and the header that carries the workers' key.</summary>
public static class WorkerRoutes
{
    /// <summary>The header a worker sends Compute:WorkerKey in.</summary>
    public const string KeyHeader = "X-Worker-Key";

    public static string Claim(Guid runId) => $"/api/workers/runs/{runId}/claim";

    public static string Progress(Guid runId) => $"/api/workers/runs/{runId}/progress";

    public static string Round(Guid runId, int round) => $"/api/workers/runs/{runId}/rounds/{round}";

    public static string End(Guid runId) => $"/api/workers/runs/{runId}/end";
}
