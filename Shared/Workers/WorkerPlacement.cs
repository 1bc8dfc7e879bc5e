namespace LocalityLab.Shared.Workers;

/// <summary>Where runs are computed (Compute:Workers).</summary>
public enum WorkerPlacement
{
    /// <summary>In the web process itself: the one-command default (SQLite or PostgreSQL).</summary>
    InProcess,

    /// <summary>In worker processes (`dotnet run --project Compute -- worker`) that take runs from the job store on PostgreSQL.</summary>
    Remote,
}
