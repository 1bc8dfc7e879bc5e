namespace LocalityLab.Shared.Runs;

public enum RunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>The server stopped while it ran; completed rounds are kept and Resume continues after the last.</summary>
    Interrupted,
}
