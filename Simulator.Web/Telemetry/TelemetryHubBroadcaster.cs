using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// Turns the feed's batches into SignalR pushes: each location's results and windows go to that location's group
/// of <see cref="TelemetryHub"/>. Runs for as long as the app does.
/// </summary>
public sealed class TelemetryHubBroadcaster(TelemetryFeed feed, IHubContext<TelemetryHub> hub, TelemetryMetrics metrics, ILogger<TelemetryHubBroadcaster> logger)
    : IHostedService
{
    private IDisposable? _subscription;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(Push);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Push(IReadOnlyList<TelemetryBatch> batches)
    {
        foreach (var batch in batches)
        {
            var started = Stopwatch.GetTimestamp();
            var group = hub.Clients.Group(TelemetryHub.GroupOf(batch.Location));
            // SendAsync only queues the message on each connection; it does not wait for the clients.
            if (batch.Results.Count > 0)
                Observe(group.SendAsync(TelemetryHubMethods.AnomalyResults, batch.Location, batch.Results));
            if (batch.Windows.Count > 0)
                Observe(group.SendAsync(TelemetryHubMethods.MaxSpeedWindows, batch.Location, batch.Windows));
            metrics.RecordPush(TelemetryMetrics.Hub, started, batch.Results.Count + batch.Windows.Count);
        }
    }

    private void Observe(Task send)
    {
        if (send.IsCompletedSuccessfully)
            return;
        send.ContinueWith(t => logger.LogWarning(t.Exception, "A SignalR push failed."), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
