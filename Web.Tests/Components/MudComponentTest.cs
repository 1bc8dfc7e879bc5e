using Bunit;
using MudBlazor.Services;

namespace LocalityLab.Web.Tests.Components;

/// <summary>
/// A bUnit test of components on their own: a context with MudBlazor's services and loose JS interop (plotly, the
/// canvas module), disposed asynchronously (MudBlazor registers a service that is only IAsyncDisposable).
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
