using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Functions;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The alerting part of the flow: AnomalyMessageDeliveryFunction fed from AnomalyDetectionStream (its own checkpoint),
/// the dispatcher that notifies the channels, the escalator that applies each location's policy (escalation,
/// re-notification), and the sweep that resolves incidents of locations gone quiet, deletes those resolved longer ago
/// than Alerts:Retention and silences ended longer ago than Alerts:SilenceRetention.
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
        var unknown = options.Policy.EscalateTo.Where(c => !channels.Any(ch => ch.Name == c)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Invalid alert settings: {AlertOptions.Section}:Policy:EscalateTo names {string.Join(", ", unknown)}, which {(unknown.Count == 1 ? "is" : "are")} not turned on; " +
                $"the channels turned on are {(channels.Count == 0 ? "none" : string.Join(", ", channels.Select(c => c.Name)))}.");
        }
        Store = new AlertStore(backend.Tables, options.Table);
        Silences = new SilenceStore(backend.Tables, options.SilenceTable);
        Policies = new AlertPolicyStore(backend.Tables, options.PolicyTable, options.Policy.Default);
        Service = new AlertService(Store, options, timeProvider);
        Dispatcher = new AlertDispatcher(Store, channels, options, loggers.CreateLogger<AlertDispatcher>(), timeProvider, metrics);
        Escalator = new AlertEscalator(Service, Policies, Dispatcher, options.Policy, loggers.CreateLogger<AlertEscalator>(), timeProvider);
        Function = new AnomalyMessageDeliveryFunction(Store, Dispatcher, MeteredDeadLetterStore.Wrap(backend.DeadLetters, metrics), options, timeProvider, Silences);
        Mapping = new EventSourceMapping(Function, pipelineOptions.Streams.AnomalyDetection, backend.Streams, backend.Checkpoints,
            pipelineOptions.Functions, loggers.CreateLogger<EventSourceMapping>(), timeProvider, metrics);
        if (options.Enabled)
            metrics?.Observe(() => Mapping.Status);
    }

    /// <summary>Incidents.</summary>
    public AlertStore Store { get; }

    /// <summary>Silences (maintenance windows).</summary>
    public SilenceStore Silences { get; }

    /// <summary>The per-location escalation and re-notification policies.</summary>
    public AlertPolicyStore Policies { get; }

    /// <summary>Escalates and re-notifies by the policies.</summary>
    public AlertEscalator Escalator { get; }

    /// <summary>Acknowledge, comment, resolve, list.</summary>
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
        await Silences.EnsureTableAsync(cancellationToken);
        await Policies.EnsureTableAsync(cancellationToken);
        if (!_options.Enabled)
            return;
        if (runDispatcher)
        {
            _loops.Start(Dispatcher.RunAsync);
            _loops.Start(SweepAsync);
            _loops.Start(EscalateAsync);
        }

        if (consumeStream)
            _loops.Start(Mapping.RunAsync);
    }

    /// <summary>Applies the policies every Alerts:Policy:CheckInterval (on the pipeline's clock).</summary>
    private async Task EscalateAsync(CancellationToken cancellationToken)
    {
        var interval = _options.Policy.CheckInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, cancellationToken);
                await Escalator.CheckAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Escalating and re-notifying incidents failed; trying again in {Interval}.", interval);
            }
        }
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
                await Silences.DeleteExpiredAsync(_time.GetUtcNow(), _options.SilenceRetention, cancellationToken);
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
