using Microsoft.Extensions.Hosting;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Runs alerting for as long as the host runs.</summary>
public sealed class AlertHostedService(AlertPipeline alerts) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => alerts.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => alerts.StopAsync();
}
