using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Functions;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The alerting part of the flow: AnomalyMessageDeliveryFunction fed from AnomalyDetectionStream (its own checkpoint),
/// the dispatcher that notifies the channels, and the sweep that resolves incidents of locations gone quiet and deletes
/// those resolved longer ago than Alerts:Retention.
/// </summary>
public sealed class AlertPipeline : IAsyncDisposable
{
    private readonly AlertOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BackgroundLoops _loops = new();

    /// <summary>
    /// Alerting on <paramref name="backend"/>, reading the stream named in <paramref name="pipelineOptions"/>; its
    /// function's batches and dead letters and the channels' deliveries are measured in <paramref name="metrics"/> when given.
    /// </summary>
    public AlertPipeline(PipelineBackend backend, PipelineOptions pipelineOptions, AlertOptions options, IReadOnlyList<IAlertChannel> channels,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, PipelineMetrics? metrics = null)
    {
        var errors = AlertOptionsValidator.Errors(options).ToList();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid alert settings: " + string.Join(" ", errors));
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<AlertPipeline>();
        Store = new AlertStore(backend.Tables, options.Table);
        Service = new AlertService(Store, options, timeProvider);
        Dispatcher = new AlertDispatcher(Store, channels, options, loggers.CreateLogger<AlertDispatcher>(), timeProvider, metrics);
        Function = new AnomalyMessageDeliveryFunction(Store, Dispatcher, MeteredDeadLetterStore.Wrap(backend.DeadLetters, metrics), options, timeProvider);
        Mapping = new EventSourceMapping(Function, pipelineOptions.Streams.AnomalyDetection, backend.Streams, backend.Checkpoints,
            pipelineOptions.Functions, loggers.CreateLogger<EventSourceMapping>(), timeProvider, metrics);
        if (options.Enabled)
            metrics?.Observe(() => Mapping.Status);
    }

    /// <summary>Incidents.</summary>
    public AlertStore Store { get; }

    /// <summary>Acknowledge, resolve, list.</summary>
    public AlertService Service { get; }

    /// <summary>Sends notifications.</summary>
    public AlertDispatcher Dispatcher { get; }

    /// <summary>Turns results into incidents.</summary>
    public AnomalyMessageDeliveryFunction Function { get; }

    /// <summary>Feeds the function.</summary>
    public EventSourceMapping Mapping { get; }

    /// <summary>Creates the alerts table if missing and starts the function, the dispatcher and the sweep.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync(consumeStream: true, runDispatcher: true, cancellationToken);

    /// <summary>
    /// Creates the alerts table if missing; with <paramref name="runDispatcher"/>, starts the dispatcher and the sweep;
    /// with <paramref name="consumeStream"/>, also the function on every shard (a single process; in a cluster the
    /// workers run it on the shards they own, and a web process runs neither).
    /// </summary>
    public async Task StartAsync(bool consumeStream, bool runDispatcher, CancellationToken cancellationToken = default)
    {
        await Store.EnsureTableAsync(cancellationToken);
        if (!_options.Enabled)
            return;
        if (runDispatcher)
        {
            _loops.Start(Dispatcher.RunAsync);
            _loops.Start(SweepAsync);
        }

        if (consumeStream)
            _loops.Start(Mapping.RunAsync);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var interval = _options.QuietPeriod / 4 < TimeSpan.FromSeconds(30) ? _options.QuietPeriod / 4 : TimeSpan.FromSeconds(30);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, cancellationToken);
                await Service.SweepAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Sweeping incidents (resolving quiet ones, deleting expired ones) failed; trying again in {Interval}.", interval);
            }
        }
    }

    /// <summary>Stops everything where it is.</summary>
    public Task StopAsync() => _loops.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _loops.DisposeAsync();
}
