using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalityLab.Compute.Hosting;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Workers;
using LocalityLab.Web;
using LocalityLab.Web.Accounts;
using LocalityLab.Web.Components;
using LocalityLab.Web.Families;
using LocalityLab.Web.Hubs;
using LocalityLab.Web.Runs;
using LocalityLab.Web.Security;
using LocalityLab.Web.Sharing;
using LocalityLab.Web.Storage;
using LocalityLab.Web.Studies;
using LocalityLab.Web.Templates;
using LocalityLab.Web.Workers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLocalityLabSettings();

builder.Services.AddOptions<SecurityOptions>()
    .Bind(builder.Configuration.GetSection(SecurityOptions.SectionName))
    .ValidateDataAnnotations()
    .Validate(o => o.TrustedProxies.All(p => IPAddress.TryParse(p, out _)), "Security:TrustedProxies must list IP addresses only.")
    .ValidateOnStart();
builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
{
    forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    // Only the listed proxies are believed; with none listed, the middleware is not in the pipeline at all.
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    foreach (var proxy in security.Value.TrustedProxies)
    {
        forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
    }
});
builder.Services.AddOptions<HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) =>
    hsts.MaxAge = TimeSpan.FromDays(security.Value.HstsDays));
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>((kestrel, security) =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes;
});
builder.Services.AddLocalityLabCompute(builder.Configuration);
builder.Services.AddLabStorage(builder.Configuration);
builder.Services.AddLabAccounts();
builder.Services.AddLabRateLimiting();
builder.Services.AddHostedService<StoreMigration>(); // first: everything after finds the tables it expects
builder.Services.AddLabFeatures();
if (builder.Configuration.GetValue<WorkerPlacement>("Compute:Workers") == WorkerPlacement.Remote)
{
    builder.Services.AddLabJobStore(builder.Configuration); // Hangfire on the lab's PostgreSQL, shared with the workers; StoreMigration installs it
    builder.Services.AddSingleton<IRunDispatch, HangfireRunDispatch>();
    builder.Services.AddSingleton<IStudyDispatch, HangfireStudyDispatch>();
    builder.Services.AddSingleton<FailedJobSweeper>();
    builder.Services.AddHostedService(provider => provider.GetRequiredService<FailedJobSweeper>());
    builder.Services.AddSingleton<UndispatchedSweeper>();
    builder.Services.AddHostedService(provider => provider.GetRequiredService<UndispatchedSweeper>());
}
else
{
    builder.Services.AddSingleton<RunQueue>();
    builder.Services.AddSingleton<IRunDispatch>(provider => provider.GetRequiredService<RunQueue>());
    builder.Services.AddHostedService<RunWorker>();
    builder.Services.AddSingleton<StudyQueue>();
    builder.Services.AddSingleton<IStudyDispatch>(provider => provider.GetRequiredService<StudyQueue>());
    builder.Services.AddHostedService<StudyWorker>();
}
builder.Services.AddSingleton<RemoteRuns>(); // the worker API's services (it admits no one unless Compute:Workers is Remote)
builder.Services.AddSingleton<RemoteStudies>();
builder.Services.AddHostedService<AccountsBootstrap>();
var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
if (builder.Configuration["Redis:Configuration"] is { Length: > 0 } redis)
{
    // Several web instances behind one address share one Redis: what one instance sends to a run's viewers reaches
    // those on every instance (the SignalR backplane), a session cookie one instance issued is read by all (the
    // Data Protection key ring), and a share link revoked on one closes the views opened through it on all.
    signalR.AddStackExchangeRedis(redis, backplane => backplane.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("LocalityLab"));
    builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis));
    builder.Services.AddDataProtection().SetApplicationName("LocalityLab");
    builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
        .Configure<StackExchange.Redis.IConnectionMultiplexer>((keys, multiplexer) =>
            keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                () => multiplexer.GetDatabase(), "LocalityLab:DataProtection-Keys"));
    builder.Services.AddHostedService<ShareLinkRevocationRelay>();
}
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();

var securityOptions = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
if (securityOptions.TrustedProxies.Length > 0)
{
    app.UseForwardedHeaders(); // first: everything after sees the client's address and scheme
}
app.UseSecurityHeaders(LabSecurityHeaders.Policies());
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    // The API answers a failure with a 500 problem of its own, not the error page re-executed under its method (a
    // failed PUT would otherwise come back as the page's 405).
    app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandler = context => Results.Problem("The server failed to answer this request; the failure is logged.",
            statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context),
    }));
    if (securityOptions.HstsDays > 0)
    {
        app.UseHsts(); // on HTTPS responses only (as the proxy reports them)
    }
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// The not-found page is for people navigating (GET or HEAD); the API, the hubs and any other method answer their own
// status codes: a POST on a download must get its 405, not a re-executed page's antiforgery 400.
app.Use((context, next) =>
{
    if ((context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs")
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
    {
        pages.Enabled = false;
    }
    return next(context);
});
app.UseMiddleware<NulTextRefusal>(); // before anything reads a field: U+0000 is a 400 naming it, never a store's 500
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapAdminEndpoints();
app.MapRunEndpoints();
app.MapShareEndpoints();
app.MapFamilyEndpoints();
app.MapStudyEndpoints();
app.MapTemplateEndpoints();
app.MapWorkerEndpoints();
app.MapHub<ExperimentHub>(ExperimentHubRoutes.Path);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The web host's entry point; public so integration tests can start it (WebApplicationFactory).</summary>
public partial class Program;
