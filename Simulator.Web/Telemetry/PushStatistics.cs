using System.Diagnostics;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// How long the server spends per push, per consumer of the feed (<see cref="Hub"/>: one location's batch queued to
/// its SignalR group; <see cref="Dashboard"/>: one dashboard circuit applying a flush, rendering and sending chart
/// points), for the load figures.
/// </summary>
public sealed class PushStatistics
{
    /// <summary>The SignalR hub's consumer.</summary>
    public const string Hub = "hub";

    /// <summary>The dashboard's consumer.</summary>
    public const string Dashboard = "dashboard";

    private readonly object _gate = new();
    private readonly Dictionary<string, List<double>> _samplesMs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _items = new(StringComparer.Ordinal);

    /// <summary>Records one push by <paramref name="consumer"/> of <paramref name="items"/> items that took <paramref name="elapsed"/> Stopwatch ticks.</summary>
    public void Record(string consumer, long elapsed, int items)
    {
        var ms = elapsed * 1000.0 / Stopwatch.Frequency;
        lock (_gate)
        {
            if (!_samplesMs.TryGetValue(consumer, out var samples))
                _samplesMs[consumer] = samples = [];
            if (samples.Count < 1_000_000)
                samples.Add(ms);
            _items[consumer] = _items.GetValueOrDefault(consumer) + items;
        }
    }

    /// <summary>Forgets what was recorded.</summary>
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
                return (0, 0, 0, 0, 0);
            var sorted = samples.Order().ToArray();
            return (sorted.Length, _items[consumer], sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], sorted[^1]);
        }
    }
}
