using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace LocalityLab.Compute.Hosting;

public static class LocalityLabConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Adds the repository's one appsettings.json as the lowest-precedence source. The build copies it next to
    /// every program and test (Directory.Build.props), so it is found whatever directory the app is started from,
    /// and environment variables (Compute__Device=cpu) or the command line still override it.
    /// </summary>
    public static IConfigurationBuilder AddLocalityLabSettings(this IConfigurationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = FileName,
            Optional = false,
            ReloadOnChange = false,
        };
        builder.Sources.Insert(0, source);
        return builder;
    }
}
