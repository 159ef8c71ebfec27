using System.Diagnostics.Metrics;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// Collects the push durations and items that one app's <see cref="TelemetryMetrics"/> emits, per consumer, through a
/// <see cref="MeterListener"/>: only the meter made by that app's <see cref="IMeterFactory"/> is followed, so other
/// hosts in the same test process do not mix in. Keeps at most a million samples per consumer.
/// </summary>
internal sealed class PushTimings : IDisposable
{
    private const int MaxSamples = 1_000_000;

    private readonly MeterListener _listener = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, List<double>> _samplesMs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _items = new(StringComparer.Ordinal);

    /// <summary>Starts listening to the telemetry meter that <paramref name="meters"/> made.</summary>
    public PushTimings(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)
                && instrument.Name is TelemetryMetrics.PushDurationName or TelemetryMetrics.PushedItemsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => Add(Consumer(tags), seconds * 1000, 0));
        _listener.SetMeasurementEventCallback<long>((_, items, tags, _) => Add(Consumer(tags), null, items));
        _listener.Start();
    }

    /// <summary>Forgets what was collected.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _samplesMs.Clear();
            _items.Clear();
        }
    }

    /// <summary>Pushes, items, and the median, 99th percentile and max time per push in milliseconds, of one consumer.</summary>
    public (int Pushes, long Items, double P50Ms, double P99Ms, double MaxMs) Summary(string consumer)
    {
        lock (_gate)
        {
            if (!_samplesMs.TryGetValue(consumer, out var samples) || samples.Count == 0)
                return (0, _items.GetValueOrDefault(consumer), 0, 0, 0);
            var sorted = samples.Order().ToArray();
            return (sorted.Length, _items.GetValueOrDefault(consumer), sorted[sorted.Length / 2],
                sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], sorted[^1]);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Consumer(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == TelemetryMetrics.ConsumerTag)
                return tag.Value as string ?? "";
        }

        return "";
    }

    private void Add(string consumer, double? ms, long items)
    {
        lock (_gate)
        {
            if (ms is { } value)
            {
                if (!_samplesMs.TryGetValue(consumer, out var samples))
                    _samplesMs[consumer] = samples = [];
                if (samples.Count < MaxSamples)
                    samples.Add(value);
            }
            _items[consumer] = _items.GetValueOrDefault(consumer) + items;
        }
    }
}
