using Bunit;
using LocalityLab.Shared.Compute;
using LocalityLab.Web.Components.Compute;
using MudBlazor.Services;

namespace LocalityLab.Web.Tests.Compute;

public sealed class ComputePanelTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        return Task.CompletedTask;
    }

    // MudBlazor registers a service that is only IAsyncDisposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Shows_device_libtorch_version_and_threads_it_is_given()
    {
        var info = new ComputeInfo("cuda", "auto", "2.10.0", "0.107.0", Threads: 12, CudaDevices: 1);

        var panel = _context.Render<ComputePanel>(p => p.Add(c => c.Info, info));

        Assert.Equal("cuda", panel.Find("[data-testid=compute-device]").TextContent);
        Assert.Equal("2.10.0", panel.Find("[data-testid=compute-libtorch]").TextContent);
        Assert.Equal("12", panel.Find("[data-testid=compute-threads]").TextContent);
    }
}
