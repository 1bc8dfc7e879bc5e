using Hangfire;
using Hangfire.Common;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Engine;
using LocalityLab.Shared.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// A remote worker process (`dotnet run --project Compute -- worker`): the engine, a Hangfire server taking run jobs
/// from the lab's PostgreSQL job store (Compute:MaxConcurrentRuns at once, under Compute:WorkerName), and the lab's
/// worker API at Compute:LabUrl. Configured by appsettings.json, environment variables and `--Section:Key=value`
/// arguments; logs to the console, starting with a line that names the worker and its device.
/// </summary>
public static class WorkerHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddLocalityLabSettings();
        builder.Services.AddLocalityLabCompute(builder.Configuration);
        builder.Services.AddOptions<ComputeOptions>()
            .Validate(o => Uri.TryCreate(o.LabUrl, UriKind.Absolute, out var lab) && (lab.Scheme == Uri.UriSchemeHttp || lab.Scheme == Uri.UriSchemeHttps),
                "Compute:LabUrl must be the lab's http(s) address, e.g. https://lab.example.org, for a worker to report to.")
            .Validate(o => (o.WorkerKey?.Length ?? 0) >= ComputeOptions.MinWorkerKeyLength,
                $"Compute:WorkerKey must be the lab's worker key (at least {ComputeOptions.MinWorkerKeyLength} characters).");
        builder.Services.AddLabJobStore(builder.Configuration);
        builder.Services.AddHostedService<LabAdmissionCheck>(); // before the job server: no job is taken before the lab admits the worker
        builder.Services.AddHangfireServer((provider, server) =>
        {
            var compute = provider.GetRequiredService<IOptions<ComputeOptions>>().Value;
            server.WorkerCount = compute.MaxConcurrentRuns;
            server.ServerName = provider.GetRequiredService<ILabEngine>().Device.WorkerNamed(compute.WorkerName);
            server.ShutdownTimeout = TimeSpan.FromSeconds(30);
            server.FilterProvider = new JobFilterProviderCollection([.. JobFilterProviders.Providers,
                new JobFilterCollection { provider.GetRequiredService<StopWhenRefused>() }]);
        });
        builder.Services.AddSingleton<StopWhenRefused>();
        builder.Services.AddHttpClient<LabWorkerApi>((provider, http) =>
            {
                var compute = provider.GetRequiredService<IOptions<ComputeOptions>>().Value;
                http.BaseAddress = new Uri(compute.LabUrl!);
                http.DefaultRequestHeaders.Add(WorkerRoutes.KeyHeader, compute.WorkerKey);
            })
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = TimeSpan.FromMinutes(1);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
            });
        builder.Services.AddTransient<IRunJob, RemoteRunJob>();
        builder.Services.AddTransient<IStudyJob, RemoteStudyJob>();
        builder.Services.AddHostedService<WorkerBanner>();
        return builder.Build();
    }
}
