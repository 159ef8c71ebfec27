using Microsoft.Extensions.Hosting;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Runs the pipeline for as long as the host (the web app) runs, and takes up the simulator's runs that a stop interrupted.</summary>
public sealed class PipelineHostedService(TurbinePipeline pipeline, WindSimulator simulator) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await pipeline.StartAsync(cancellationToken);
        await simulator.ResumeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => pipeline.StopAsync();
}
