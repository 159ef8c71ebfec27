using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>
/// Runs alerting for as long as the host runs: all of it with <c>Pipeline:Role</c> <c>All</c>; on a worker the
/// dispatcher and the sweep (the alert function runs on the shards the worker owns); on a web process only the table.
/// </summary>
public sealed class AlertHostedService(AlertPipeline alerts, IOptions<PipelineOptions> options) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var role = options.Value.Role;
        return alerts.StartAsync(consumeStream: role == ProcessRole.All, runDispatcher: role != ProcessRole.Web, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => alerts.StopAsync();
}
