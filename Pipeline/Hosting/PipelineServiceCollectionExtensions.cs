using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the pipeline, its backend and the simulator in a host.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the <c>Pipeline</c> and <c>Simulator</c> settings, opens the configured backend, and runs the
    /// pipeline as a hosted service. The ports (streams, tables, checkpoints, dead letters), the
    /// <see cref="WindSimulator"/>, the training helpers (<see cref="TrainingRecords"/>), the tables' change feed (<see cref="ObservableTableStore"/>) and the pipeline's
    /// meter (<see cref="PipelineMetrics"/>) become injectable.
    /// </summary>
    public static IServiceCollection AddTurbineConsolePipeline(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AwsOptions>, AwsSettingsValidator>();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddSingleton(sp =>
        {
            // The functions write through an observable store, so that the dashboard learns what landed (a change feed).
            // A cluster worker's checkpoints are fenced: it saves only for the shards it owns, under their owner epochs.
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            var opened = BackendFactory.Open(options, sp.GetRequiredService<IOptions<AwsOptions>>().Value);
            var checkpoints = options.Role == ProcessRole.Worker ? new FencedCheckpointStore(opened.Checkpoints) : opened.Checkpoints;
            return new PipelineBackend(opened.Streams, new ObservableTableStore(opened.Tables), checkpoints, opened.DeadLetters, opened);
        });
        services.AddSingleton(sp => (ObservableTableStore)sp.GetRequiredService<PipelineBackend>().Tables);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Streams);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Tables);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().Checkpoints);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineBackend>().DeadLetters);
        services.AddSingleton(sp => new DeadLetterRedrive(sp.GetRequiredService<PipelineBackend>().Streams, sp.GetRequiredService<PipelineBackend>().DeadLetters));
        services.AddMetrics();
        services.TryAddSingleton(sp => new PipelineMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(sp => new TurbinePipeline(
            sp.GetRequiredService<PipelineBackend>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            metrics: sp.GetRequiredService<PipelineMetrics>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            var simulator = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var backend = sp.GetRequiredService<PipelineBackend>();
            return new WindSimulator(backend.Streams, options.Streams.ShardCount,
                createMissingStreams: options.Backend == BackendKind.Embedded,
                limits: simulator,
                journal: new RunJournal(backend.Tables, simulator.RunTable));
        });
        services.AddSingleton(sp => new TrainingRecords(sp.GetRequiredService<PipelineBackend>().Streams,
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Streams.WindData));
        services.AddSingleton(sp => new Replayer(sp.GetRequiredService<PipelineBackend>().Streams, sp.GetRequiredService<IOptions<SimulatorOptions>>().Value));
        services.AddHostedService<PipelineHostedService>();
        return services;
    }
}
