using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class TelemetryMetricsTests
{
    private static ServiceProvider Services() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Pushes_are_measured_per_consumer_with_their_items()
    {
        using var services = Services();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new TelemetryMetrics(meters);
        using var timings = new PushTimings(meters);

        metrics.RecordPush(TelemetryMetrics.Hub, Stopwatch.GetTimestamp(), 12);
        metrics.RecordPush(TelemetryMetrics.Hub, Stopwatch.GetTimestamp() - Stopwatch.Frequency / 100, 3);
        metrics.RecordPush(TelemetryMetrics.Dashboard, Stopwatch.GetTimestamp(), 15);

        var hub = timings.Summary(TelemetryMetrics.Hub);
        Assert.Equal(2, hub.Pushes);
        Assert.Equal(15, hub.Items);
        Assert.InRange(hub.MaxMs, 10, 10_000);
        Assert.Equal((1, 15L), (timings.Summary(TelemetryMetrics.Dashboard).Pushes, timings.Summary(TelemetryMetrics.Dashboard).Items));
    }

    [Fact]
    public void A_listener_for_one_app_does_not_collect_another_apps_pushes()
    {
        using var mine = Services();
        using var other = Services();
        using var timings = new PushTimings(mine.GetRequiredService<IMeterFactory>());

        new TelemetryMetrics(other.GetRequiredService<IMeterFactory>()).RecordPush(TelemetryMetrics.Hub, Stopwatch.GetTimestamp(), 5);

        Assert.Equal(0, timings.Summary(TelemetryMetrics.Hub).Pushes);
        Assert.Equal(0, timings.Summary(TelemetryMetrics.Hub).Items);
    }

    [Fact]
    public void Reset_forgets_what_was_collected()
    {
        using var services = Services();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new TelemetryMetrics(meters);
        using var timings = new PushTimings(meters);
        metrics.RecordPush(TelemetryMetrics.Hub, Stopwatch.GetTimestamp(), 1);

        timings.Reset();
        metrics.RecordPush(TelemetryMetrics.Hub, Stopwatch.GetTimestamp(), 2);

        Assert.Equal((1, 2L), (timings.Summary(TelemetryMetrics.Hub).Pushes, timings.Summary(TelemetryMetrics.Hub).Items));
    }
}
