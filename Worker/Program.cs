using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Hosting;

// The settings file beside the binaries, below the environment and the command line; this host is a worker unless
// the settings say otherwise, which it refuses.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = [new($"{PipelineOptions.Section}:Role", nameof(ProcessRole.Worker))],
});
var role = builder.Configuration[$"{PipelineOptions.Section}:Role"];
if (!string.Equals(role, nameof(ProcessRole.Worker), StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"TurbineConsole cannot start: the worker runs with {PipelineOptions.Section}:Role Worker only; it is set to another value. Run the web app for All or Web.");
    return StartChecks.BadSettingExitCode;
}

builder.Services.AddTurbineConsolePipeline();
builder.Services.AddTurbineConsoleAlerts();
builder.AddTurbineConsoleCluster();

var host = builder.Build();
if (StartChecks.Run(host.Services, Console.Error) is { } exitCode)
{
    return exitCode;
}

await host.RunAsync();
return 0;
