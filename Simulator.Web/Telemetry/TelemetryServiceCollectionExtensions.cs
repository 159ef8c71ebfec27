using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TurbineConsole.Simulator.Web.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the live feed, its history reader and the SignalR hub's broadcaster.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds SignalR, the <see cref="TelemetryFeed"/> (one for the app, run as a hosted service), the
    /// <see cref="TelemetryHistory"/> reader, the feed's <see cref="TelemetryMetrics"/>, and the
    /// <see cref="TelemetryHubBroadcaster"/> and <see cref="AlertHubBroadcaster"/>; binds and validates (at start) the
    /// <c>Dashboard</c> settings and shares the status board's <see cref="LatchAcknowledgements"/>. Needs the pipeline's and the alerts' services.
    /// </summary>
    public static IServiceCollection AddTurbineConsoleTelemetry(this IServiceCollection services)
    {
        services.AddSignalR();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TelemetryFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryFeed>());
        services.AddSingleton<TelemetryHistory>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<LatchAcknowledgements>();
        services.AddMetrics();
        services.AddSingleton<TelemetryMetrics>();
        services.AddHostedService<TelemetryHubBroadcaster>();
        services.AddHostedService<AlertHubBroadcaster>();
        return services;
    }
}
