using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The one live feed of the web app: follows the tables' change feed (<see cref="ObservableTableStore"/>), turns the
/// items written to the tables named by Pipeline:Tables (WindData, MaxWindSpeed) back into results and windows, and hands them to its
/// subscribers in batches, one per location, at most once per <see cref="FlushInterval"/>, so that 200 readings a
/// second become a few pushes a second. Two consumers: the dashboard (in process) and the SignalR hub.
/// </summary>
public sealed class TelemetryFeed : BackgroundService
{
    /// <summary>How often pending items are handed out by default.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly ObservableTableStore _tables;
    private readonly string _windDataTable;
    private readonly string _maxSpeedTable;
    private readonly ILogger<TelemetryFeed>? _logger;
    private readonly ConcurrentQueue<(string Table, IReadOnlyList<Item> Items)> _pending = new();
    private readonly ConcurrentDictionary<string, byte> _locations = new(StringComparer.Ordinal);
    private readonly object _flushGate = new();
    private ImmutableSubscribers _subscribers = ImmutableSubscribers.Empty;
    private long _skippedItems;

    /// <summary>A feed over <paramref name="tables"/> for the tables named in the settings.</summary>
    public TelemetryFeed(ObservableTableStore tables, IOptions<PipelineOptions> options, ILogger<TelemetryFeed>? logger = null, TimeSpan? flushInterval = null)
    {
        _tables = tables;
        _windDataTable = options.Value.Tables.WindData;
        _maxSpeedTable = options.Value.Tables.MaxWindSpeed;
        _logger = logger;
        FlushInterval = flushInterval ?? DefaultFlushInterval;
        _tables.ItemsWritten += OnItemsWritten;
    }

    /// <summary>The longest an item waits before it is handed out.</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>Locations seen in the feed since the app started, sorted.</summary>
    public IReadOnlyList<string> Locations => _locations.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Items that could not be read as a result or a window (written by something else), skipped.</summary>
    public long SkippedItems => Interlocked.Read(ref _skippedItems);

    /// <summary>
    /// Calls <paramref name="handler"/> (on a background thread) with each flush's batches, one per location that had
    /// new items. Dispose the answer to stop. A handler must not block; an exception from it is logged and dropped.
    /// </summary>
    public IDisposable Subscribe(Action<IReadOnlyList<TelemetryBatch>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddSubscriber(handler);
        return new Subscription(this, handler);
    }

    /// <summary>Hands out what is pending now (the timer does this every <see cref="FlushInterval"/>; tests call it).</summary>
    public void Flush()
    {
        lock (_flushGate)
        {
            if (_pending.IsEmpty)
                return;
            var byLocation = new Dictionary<string, (List<AnomalyResult> Results, List<MaxSpeedWindow> Windows)>(StringComparer.Ordinal);
            while (_pending.TryDequeue(out var write))
            {
                foreach (var item in write.Items)
                {
                    try
                    {
                        if (write.Table == _windDataTable)
                        {
                            var result = WindDataItem.ToResult(item);
                            Bucket(byLocation, result.Reading.Location).Results.Add(result);
                        }
                        else
                        {
                            var window = MaxWindSpeedItem.ToWindow(item);
                            Bucket(byLocation, window.Location).Windows.Add(window);
                        }
                    }
                    catch (Exception e) when (e is KeyNotFoundException or RecordFormatException or FormatException)
                    {
                        Interlocked.Increment(ref _skippedItems);
                    }
                }
            }
            if (byLocation.Count == 0)
                return;
            var batches = byLocation.Select(p => new TelemetryBatch(p.Key, p.Value.Results, p.Value.Windows)).ToList();
            foreach (var handler in _subscribers.Handlers)
            {
                try
                {
                    handler(batches);
                }
                catch (Exception e)
                {
                    _logger?.LogWarning(e, "A telemetry subscriber failed; it stays subscribed.");
                }
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Flush();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _tables.ItemsWritten -= OnItemsWritten;
        base.Dispose();
    }

    private void OnItemsWritten(string table, IReadOnlyList<Item> items)
    {
        if (table != _windDataTable && table != _maxSpeedTable)
            return;
        _pending.Enqueue((table, items));
        foreach (var item in items)
        {
            if (item.GetStringOrNull(WindDataItem.PartitionKey) is { } location)
                _locations.TryAdd(location, 0);
        }
    }

    private static (List<AnomalyResult> Results, List<MaxSpeedWindow> Windows) Bucket(
        Dictionary<string, (List<AnomalyResult> Results, List<MaxSpeedWindow> Windows)> byLocation, string location)
    {
        if (!byLocation.TryGetValue(location, out var bucket))
            byLocation[location] = bucket = ([], []);
        return bucket;
    }

    /// <summary>Adds a subscriber under the flush lock, replacing the array so a flush in progress keeps its own.</summary>
    private void AddSubscriber(Action<IReadOnlyList<TelemetryBatch>> handler)
    {
        lock (_flushGate)
            _subscribers = new ImmutableSubscribers([.. _subscribers.Handlers, handler]);
    }

    /// <summary>Removes a subscriber the same way.</summary>
    private void Remove(Action<IReadOnlyList<TelemetryBatch>> handler)
    {
        lock (_flushGate)
            _subscribers = new ImmutableSubscribers(_subscribers.Handlers.Where(h => h != handler).ToArray());
    }

    /// <summary>The subscribers as an array that is replaced, never changed, so a flush can walk it without a copy.</summary>
    private sealed record ImmutableSubscribers(Action<IReadOnlyList<TelemetryBatch>>[] Handlers)
    {
        public static ImmutableSubscribers Empty { get; } = new([]);
    }

    /// <summary>Unsubscribes once when disposed.</summary>
    private sealed class Subscription(TelemetryFeed feed, Action<IReadOnlyList<TelemetryBatch>> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                feed.Remove(handler);
            Debug.Assert(_disposed == 1);
        }
    }
}
