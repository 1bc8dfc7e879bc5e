using Bunit;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Accounts;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Security;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LocalityLab.Web.Tests.Components.Designer;

/// <summary>
/// A bUnit context with MudBlazor and, on request, the real services the designer page uses
/// (admission, experiment service, run and template stores) on a fresh SQLite file.
/// </summary>
public sealed class DesignerContext : IAsyncDisposable
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"localitylab-designer-{Guid.NewGuid():N}.db");

    public DesignerContext()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("lab");
        auth.SetRoles(LabRoles.Member);
    }

    public BunitContext Context { get; } = new();

    /// <summary>Registers the lab's services as Program.cs does (without the run worker) and creates the database.</summary>
    public async Task AddLabServicesAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddLocalityLabSettings()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = $"Data Source={_databaseFile}",
                ["Compute:Device"] = "cpu",
            })
            .Build();
        var services = Context.Services;
        services.AddLogging();
        services.AddSignalR();
        services.AddLocalityLabCompute(configuration);
        services.AddLabStorage(configuration);
        services.AddSingleton<RunQueue>();
        services.AddSingleton<IRunDispatch>(provider => provider.GetRequiredService<RunQueue>());
        services.AddOptions<SecurityOptions>();
        services.AddSingleton<StudyQueue>();
        services.AddSingleton<IStudyDispatch>(provider => provider.GetRequiredService<StudyQueue>());
        services.AddLabFeatures();
        await Context.Services.GetRequiredService<RunStore>().MigrateAsync(CancellationToken.None);
    }

    public T Service<T>() where T : notnull => Context.Services.GetRequiredService<T>();

    // MudBlazor registers a service that is only IAsyncDisposable.
    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databaseFile);
    }
}
