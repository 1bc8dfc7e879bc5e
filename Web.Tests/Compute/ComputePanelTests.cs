using Bunit;
using LocalityLab.Shared.Compute;
using LocalityLab.Web.Components.Compute;
using LocalityLab.Web.Tests.Components;

namespace LocalityLab.Web.Tests.Compute;

public sealed class ComputePanelTests : MudComponentTest
{
    [Fact]
    public void Shows_device_libtorch_version_and_threads_it_is_given()
    {
        var info = new ComputeInfo("cuda", "auto", "2.10.0", "0.107.0", Threads: 12, CudaDevices: 1);

        var panel = Context.Render<ComputePanel>(p => p.Add(c => c.Info, info));

        Assert.Equal("cuda", panel.Find("[data-testid=compute-device]").TextContent);
        Assert.Equal("2.10.0", panel.Find("[data-testid=compute-libtorch]").TextContent);
        Assert.Equal("12", panel.Find("[data-testid=compute-threads]").TextContent);
    }
}
