using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the pipeline, its backend and the simulator in a host.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Pipeline</c> settings, opens the configured backend, and runs the
    /// pipeline as a hosted service. The ports (streams, tables, checkpoints, dead letters) and the
    /// <see cref="WindSimulator"/> become injectable.
    /// </summary>
    public static IServiceCollection AddTurbineConsolePipeline(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddSingleton(sp => BackendFactory.Open(sp.GetRequiredService<IOptions<PipelineOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Streams);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Tables);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Checkpoints);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().DeadLetters);
        services.AddSingleton(sp => new TurbinePipeline(
            sp.GetRequiredService<PipelineBackend>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new WindSimulator(sp.GetRequiredService<PipelineBackend>().Streams, options.Streams.ShardCount,
                createMissingStreams: options.Backend == BackendKind.Embedded);
        });
        services.AddHostedService<PipelineHostedService>();
        return services;
    }
}
