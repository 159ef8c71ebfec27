using MudBlazor.Services;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Simulator.Web.Api;
using TurbineConsole.Simulator.Web.Components;
using TurbineConsole.Simulator.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddTurbineConsoleSettings();
builder.Services.AddTurbineConsoleWebSecurity();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddTurbineConsolePipeline();
builder.Services.AddTurbineConsoleAlerts();
builder.AddTurbineConsoleCluster();
builder.Services.AddTurbineConsoleTelemetry();
builder.Services.AddTurbineConsoleOperations();
builder.Services.AddTurbineConsoleAccess();
builder.Services.AddTurbineConsoleApi();

var app = builder.Build();
if (StartChecks.Run(app.Services, Console.Error) is { } exitCode)
{
    return exitCode;
}

app.UseTurbineConsoleWebSecurity();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseTurbineConsoleApi();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapTurbineConsoleAccess();
app.MapHub<TelemetryHub>(TelemetryHub.Path);
app.MapTurbineConsoleOperations();
app.MapTurbineConsoleApi();
app.MapTurbineConsoleApiDocument();
app.MapTurbineConsoleHistoryExport();
app.Run();
return 0;

/// <summary>The web app's entry point, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
