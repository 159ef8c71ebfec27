using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>
/// Runs the pipeline for as long as the host runs, as its <c>Pipeline:Role</c> says: <c>All</c> runs the jobs and
/// functions on every shard and takes up the simulator's runs that a stop interrupted; <c>Web</c> takes up the runs and
/// sweeps retention, the workers consuming the streams; <c>Worker</c> creates what is missing, its shards being run by
/// the cluster (the shards' owners).
/// </summary>
public sealed class PipelineHostedService(TurbinePipeline pipeline, WindSimulator simulator, IOptions<PipelineOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var role = options.Value.Role;
        if (role == ProcessRole.Worker)
        {
            await pipeline.EnsureResourcesAsync(cancellationToken);
            return;
        }

        await pipeline.StartAsync(consumeStreams: role == ProcessRole.All, cancellationToken);
        await simulator.ResumeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => pipeline.StopAsync();
}
