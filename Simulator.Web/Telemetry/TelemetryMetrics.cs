using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The live feed's meter (<see cref="MeterName"/>): how long each consumer of the feed spends per push and how many
/// items it pushes, tagged with the consumer (<see cref="Hub"/>: one location's batch queued to its SignalR group;
/// <see cref="Dashboard"/>: one dashboard circuit applying a flush, rendering and queueing chart points). Nothing is
/// kept here: a <see cref="MeterListener"/> (a test) or an exporter (OpenTelemetry) collects what it needs, and with
/// no listener a measurement costs almost nothing.
/// </summary>
public sealed class TelemetryMetrics
{
    /// <summary>The meter's name, after the component.</summary>
    public const string MeterName = "TurbineConsole.Simulator.Web.Telemetry";

    /// <summary>The histogram of push durations, in seconds.</summary>
    public const string PushDurationName = "turbineconsole.telemetry.push.duration";

    /// <summary>The counter of items (results and windows) pushed.</summary>
    public const string PushedItemsName = "turbineconsole.telemetry.push.items";

    /// <summary>The tag naming the consumer.</summary>
    public const string ConsumerTag = "consumer";

    /// <summary>The SignalR hub's consumer.</summary>
    public const string Hub = "hub";

    /// <summary>The dashboard's consumer.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Time per push.</summary>
    private readonly Histogram<double> _pushDuration;

    /// <summary>Items per push, summed.</summary>
    private readonly Counter<long> _pushedItems;

    /// <summary>The instruments, on a meter from <paramref name="meters"/> (so each app, and each test host, has its own).</summary>
    public TelemetryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _pushDuration = meter.CreateHistogram<double>(PushDurationName, "s", "Server time per push of the live feed, by consumer.");
        _pushedItems = meter.CreateCounter<long>(PushedItemsName, "{item}", "Results and windows pushed by the live feed, by consumer.");
    }

    /// <summary>Records one push of <paramref name="items"/> items by <paramref name="consumer"/> that started at the Stopwatch timestamp <paramref name="startedAt"/>.</summary>
    public void RecordPush(string consumer, long startedAt, int items)
    {
        var tag = new KeyValuePair<string, object?>(ConsumerTag, consumer);
        _pushDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tag);
        _pushedItems.Add(items, tag);
    }
}
