using Microsoft.Extensions.Hosting;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Runs the pipeline for as long as the host (the web app) runs.</summary>
public sealed class PipelineHostedService(TurbinePipeline pipeline) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => pipeline.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => pipeline.StopAsync();
}
