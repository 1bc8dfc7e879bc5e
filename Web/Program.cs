using LocalityLab.Compute.Hosting;
using LocalityLab.Web;
using LocalityLab.Web.Components;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLocalityLabSettings();

builder.Services.AddLocalityLabCompute(builder.Configuration);
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The web host's entry point; public so integration tests can start it (WebApplicationFactory).</summary>
public partial class Program;
