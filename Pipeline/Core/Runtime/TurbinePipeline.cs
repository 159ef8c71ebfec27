using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The whole flow on one backend: creates the streams and tables that are missing, then runs the three jobs
/// (AnomalyDetection, CalculateMaxSpeed, and WindRollup on AnomalyDetection's output) and feeds their output streams to
/// the three functions (AnalyticsDestinationFunction, DIYFunction, RollupDestinationFunction) until stopped.
/// </summary>
public sealed class TurbinePipeline : IAsyncDisposable
{
    private readonly PipelineOptions _options;
    private readonly BackgroundLoops _loops = new();

    /// <summary>
    /// The flow on <paramref name="backend"/> with <paramref name="options"/> (validated here); its batches, shards and
    /// dead letters are measured in <paramref name="metrics"/> when given.
    /// </summary>
    public TurbinePipeline(PipelineBackend backend, PipelineOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        PipelineMetrics? metrics = null)
    {
        var errors = PipelineOptionsValidator.Errors(options).ToList();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid pipeline settings: " + string.Join(" ", errors));
        _options = options;
        Backend = backend;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var streams = options.Streams;
        var deadLetters = MeteredDeadLetterStore.Wrap(backend.DeadLetters, metrics);
        AnomalyDetection = new StreamJobRunner(new AnomalyDetectionJob(streams.WindData, streams.AnomalyDetection, options.AnomalyDetection, options.EventTime),
            backend.Streams, backend.Checkpoints, deadLetters, options.Jobs, loggers.CreateLogger<StreamJobRunner>(), timeProvider, metrics);
        MaxSpeed = new StreamJobRunner(new CalculateMaxSpeedJob(streams.WindData, streams.MaxWindSpeed, options.MaxSpeed, options.EventTime),
            backend.Streams, backend.Checkpoints, deadLetters, options.Jobs, loggers.CreateLogger<StreamJobRunner>(), timeProvider, metrics);
        AnalyticsDestination = new EventSourceMapping(new AnalyticsDestinationFunction(backend.Tables, deadLetters, options.Tables.WindData, timeProvider, options.Retention.WindData),
            streams.AnomalyDetection, backend.Streams, backend.Checkpoints, options.Functions, loggers.CreateLogger<EventSourceMapping>(), timeProvider, metrics);
        Diy = new EventSourceMapping(new DIYFunction(backend.Tables, deadLetters, options.Tables.MaxWindSpeed, timeProvider, options.Retention.MaxWindSpeed),
            streams.MaxWindSpeed, backend.Streams, backend.Checkpoints, options.Functions, loggers.CreateLogger<EventSourceMapping>(), timeProvider, metrics);
        Rollup = new StreamJobRunner(new WindRollupJob(streams.AnomalyDetection, streams.WindRollup, options.MaxSpeed),
            backend.Streams, backend.Checkpoints, deadLetters, options.Jobs, loggers.CreateLogger<StreamJobRunner>(), timeProvider, metrics);
        RollupDestination = new EventSourceMapping(new RollupDestinationFunction(backend.Tables, deadLetters, options.Tables.WindRollup, timeProvider, options.Retention.WindRollup),
            streams.WindRollup, backend.Streams, backend.Checkpoints, options.Functions, loggers.CreateLogger<EventSourceMapping>(), timeProvider, metrics);
        Retention = new RetentionSweeper(backend.DeadLetters, backend.Tables, options, loggers.CreateLogger<RetentionSweeper>(), timeProvider);
        metrics?.Observe(() => Status);
    }

    /// <summary>The ports the flow runs on.</summary>
    public PipelineBackend Backend { get; }

    /// <summary>The settings it runs with.</summary>
    public PipelineOptions Options => _options;

    /// <summary>The AnomalyDetection job.</summary>
    public StreamJobRunner AnomalyDetection { get; }

    /// <summary>The CalculateMaxSpeed job.</summary>
    public StreamJobRunner MaxSpeed { get; }

    /// <summary>AnomalyDetectionStream into WindDataTable.</summary>
    public EventSourceMapping AnalyticsDestination { get; }

    /// <summary>MaxWindSpeed stream into MaxWindSpeedTable.</summary>
    public EventSourceMapping Diy { get; }

    /// <summary>The WindRollup job: AnomalyDetectionStream into per-bucket rollups for the history views.</summary>
    public StreamJobRunner Rollup { get; }

    /// <summary>WindRollupStream into WindRollupTable.</summary>
    public EventSourceMapping RollupDestination { get; }

    /// <summary>Every job and function of the flow, in the order a reading meets them (the shards a cluster's workers share out).</summary>
    public IReadOnlyList<IShardConsumer> Consumers => [AnomalyDetection, MaxSpeed, AnalyticsDestination, Diy, Rollup, RollupDestination];

    /// <summary>Deletes expired dead letters and results.</summary>
    public RetentionSweeper Retention { get; }

    /// <summary>How every consumer of the flow (the three jobs, the three functions) is doing on each of its shards.</summary>
    public IReadOnlyList<ConsumerStatus> Status =>
        [.. AnomalyDetection.Status, .. MaxSpeed.Status, .. Rollup.Status, .. AnalyticsDestination.Status, .. Diy.Status, .. RollupDestination.Status];

    /// <summary>Creates whatever stream or table of the flow is missing.</summary>
    public async Task EnsureResourcesAsync(CancellationToken cancellationToken = default)
    {
        var existing = await Backend.Streams.ListStreamsAsync(cancellationToken);
        foreach (var name in new[] { _options.Streams.WindData, _options.Streams.AnomalyDetection, _options.Streams.MaxWindSpeed, _options.Streams.WindRollup })
        {
            if (existing.Contains(name))
                continue;
            try
            {
                await Backend.Streams.CreateStreamAsync(name, _options.Streams.ShardCount, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Created meanwhile by someone else: fine.
            }
        }
        foreach (var schema in new[] { WindDataItem.Schema(_options.Tables.WindData), MaxWindSpeedItem.Schema(_options.Tables.MaxWindSpeed), WindRollupItem.Schema(_options.Tables.WindRollup) })
        {
            if (await Backend.Tables.DescribeTableAsync(schema.TableName, cancellationToken) is not null)
                continue;
            try
            {
                await Backend.Tables.CreateTableAsync(schema, cancellationToken);
            }
            catch (TableInUseException)
            {
            }
        }
    }

    /// <summary>Creates what is missing and starts the jobs and functions in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(consumeStreams: true, cancellationToken);

    /// <summary>
    /// Creates what is missing and starts the retention sweep; with <paramref name="consumeStreams"/>, also the jobs and
    /// functions on every shard (a single process). Without, the cluster's workers run them, each on the shards it owns.
    /// </summary>
    public async Task StartAsync(bool consumeStreams, CancellationToken cancellationToken = default)
    {
        if (_loops.Started)
            throw new InvalidOperationException("The pipeline is already running.");
        await EnsureResourcesAsync(cancellationToken);
        _loops.Start(Retention.RunAsync);
        if (!consumeStreams)
            return;
        _loops.Start(AnomalyDetection.RunAsync);
        _loops.Start(MaxSpeed.RunAsync);
        _loops.Start(AnalyticsDestination.RunAsync);
        _loops.Start(Diy.RunAsync);
        _loops.Start(Rollup.RunAsync);
        _loops.Start(RollupDestination.RunAsync);
    }

    /// <summary>Stops the jobs and functions where they are (positions already checkpointed stay; the rest is replayed on the next start).</summary>
    public Task StopAsync() => _loops.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _loops.DisposeAsync();
}
