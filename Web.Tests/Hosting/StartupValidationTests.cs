using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace LocalityLab.Web.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public void Asking_for_cuda_on_a_machine_without_one_stops_start_up_with_a_clear_message()
    {
        using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(web => web.UseSetting("Compute:Device", "cuda"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Compute:Device is 'cuda' but libtorch sees no CUDA device", error.Message);
    }
}
