namespace LocalityLab.Shared.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
