namespace LocalityLab.Web.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
