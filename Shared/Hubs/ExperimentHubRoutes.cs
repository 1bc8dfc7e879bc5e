namespace LocalityLab.Shared.Hubs;

/// <summary>Where the experiment hub lives and what it can be asked.</summary>
public static class ExperimentHubRoutes
{
    public const string Path = "/hubs/experiments";

    /// <summary>Subscribe(Guid runId) returns a RunSnapshot and joins the run's live events.</summary>
    public const string Subscribe = "Subscribe";

    /// <summary>Unsubscribe(Guid runId) leaves them.</summary>
    public const string Unsubscribe = "Unsubscribe";

    /// <summary>SubscribeStudy(Guid studyId) returns a StudySnapshot and joins the study's live events.</summary>
    public const string SubscribeStudy = "SubscribeStudy";

    /// <summary>UnsubscribeStudy(Guid studyId) leaves them.</summary>
    public const string UnsubscribeStudy = "UnsubscribeStudy";
}
