using LocalityLab.Shared.Runs;

namespace LocalityLab.Web.Runs;

/// <summary>
/// What a run or study becomes when the server stops while it computes, and what its page then says: said once, for
/// the worker that stops it and for the start-up that finds it left Running by a process that died.
/// </summary>
public static class Interruption
{
    public const string OfRun =
        "The server stopped while this run was training; completed rounds are kept. Resume continues after the last.";

    public const string OfStudy =
        "The server stopped while this study was training; completed rounds are kept. Resume continues every replicate after its last.";

    /// <summary>
    /// Completed when every round is stored (stopped between storing its last round and finishing: nothing is left to
    /// compute), else Interrupted with <paramref name="notice"/>.
    /// </summary>
    public static (RunStatus Status, string? Error) After(bool everyRoundStored, string notice) =>
        everyRoundStored ? (RunStatus.Completed, null) : (RunStatus.Interrupted, notice);
}
