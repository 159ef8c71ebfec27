using Microsoft.AspNetCore.SignalR;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>Pushes every alert change (raised, updated, delivered, acknowledged, resolved) to the group of its location.</summary>
public sealed class AlertHubBroadcaster(AlertStore store, IHubContext<TelemetryHub> hub, ILogger<AlertHubBroadcaster> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Changed += Push;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Changed -= Push;
        return Task.CompletedTask;
    }

    private void Push(Incident incident)
    {
        var send = hub.Clients.Group(TelemetryHub.GroupOf(incident.Location)).SendAsync(TelemetryHubMethods.AlertChanged, incident.Location, incident);
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(t => logger.LogWarning(t.Exception, "An alert push failed."), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
