namespace LocalityLab.Shared.Workers;

/// <summary>
/// The PostgreSQL schema the job store (Hangfire) lives in, in the lab's database. The lab installs or upgrades it at
/// start, one web instance at a time, before it answers any worker; workers only use it.
/// </summary>
public static class JobStoreSchema
{
    public const string Name = "hangfire";
}
