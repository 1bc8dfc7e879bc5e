using LocalityLab.Shared.Studies;

namespace LocalityLab.Shared.Workers;

/// <summary>The lab's API for remote workers: what a worker calls, and the header that carries the workers' key.</summary>
public static class WorkerRoutes
{
    /// <summary>The header a worker sends Compute:WorkerKey in.</summary>
    public const string KeyHeader = "X-Worker-Key";

    /// <summary>Where every route of the worker API lives.</summary>
    public const string Root = "/api/workers";

    /// <summary>What a worker calls at start: the lab answers 200 to its key and 401 to any other.</summary>
    public const string Hello = "/api/workers/hello";

    public static string Claim(Guid runId) => $"/api/workers/runs/{runId}/claim";

    public static string Progress(Guid runId) => $"/api/workers/runs/{runId}/progress";

    public static string Round(Guid runId, int round) => $"/api/workers/runs/{runId}/rounds/{round}";

    public static string End(Guid runId) => $"/api/workers/runs/{runId}/end";

    public static string StudyClaim(Guid studyId, StudyCondition condition) => $"{Study(studyId, condition)}/claim";

    public static string StudyProgress(Guid studyId, StudyCondition condition) => $"{Study(studyId, condition)}/progress";

    public static string StudyRound(Guid studyId, StudyCondition condition) => $"{Study(studyId, condition)}/rounds";

    public static string StudyEnd(Guid studyId, StudyCondition condition) => $"{Study(studyId, condition)}/end";

    /// <summary>The checkpoint a replicate stored after a round (a branch reads its trunk's; a resumed condition its own last).</summary>
    public static string StudyCheckpoint(Guid studyId, StudyCondition condition, int replicate, int round) =>
        $"/api/workers/studies/{studyId}/checkpoints/{condition.Key}/{replicate}/{round}";

    private static string Study(Guid studyId, StudyCondition condition) => $"/api/workers/studies/{studyId}/conditions/{condition.Key}";
}
