using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// A measurement, not a timed assertion: 20 locations of 10 turbines at 1 reading/s each (200 readings/s) through the
/// whole app, a SignalR client following every location and a browser on the dashboard. Prints the server time per
/// push (collected from the app's <see cref="TelemetryMetrics"/> meter by <see cref="PushTimings"/>) and the browser's
/// frame time, and writes them to docs/load-figures.txt.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardLoadTests(ITestOutputHelper output) : BrowserTest
{
    private static readonly TimeSpan s_measure = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task With_20_locations_of_10_turbines_the_dashboard_keeps_up_and_the_figures_are_reported()
    {
        var simulator = App.Services.GetRequiredService<WindSimulator>();
        using var timings = new PushTimings(App.Services.GetRequiredService<IMeterFactory>());
        await simulator.StartAsync(WindDataset.Normal, new SimulationSettings
        {
            StreamName = App.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.Streams.WindData,
            ReadingsPerSecond = 200,
            Dataset = new DatasetOptions { Locations = 20, TurbinesPerLocation = 10 },
        });
        var hubItems = 0;
        await using var connection = App.NewHubConnection(await App.CreateApiTokenAsync(TurbineConsoleWebApp.Operator));
        connection.On<string, AnomalyResult[]>(TelemetryHubMethods.AnomalyResults, (_, results) => Interlocked.Add(ref hubItems, results.Length));
        await connection.StartAsync();
        foreach (var location in WindDatasetGenerator.LocationNames.Take(20))
            await connection.InvokeAsync(nameof(TelemetryHub.Follow), location);

        var page = await NewPageAsync(Desktop);
        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("#status-board .turbine")).ToHaveCountAsync(200, new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => window.turbineChartStats !== undefined", null, new() { Timeout = 30_000 });
        timings.Reset();
        Interlocked.Exchange(ref hubItems, 0);

        var frames = await page.EvaluateAsync<JsonElement>("""
            async (ms) => {
                const s = window.turbineChartStats; s.updates = 0; s.updateMs = 0; s.updateMaxMs = 0;
                const intervals = []; let last = performance.now();
                await new Promise(done => {
                    const end = last + ms;
                    const tick = now => { intervals.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else done(); };
                    requestAnimationFrame(tick);
                });
                intervals.sort((a, b) => a - b);
                const at = q => intervals[Math.min(intervals.length - 1, Math.floor(intervals.length * q))];
                return { frames: intervals.length, p50: at(0.5), p95: at(0.95), max: intervals[intervals.length - 1],
                         updates: s.updates, updateAvg: s.updates ? s.updateMs / s.updates : 0, updateMax: s.updateMaxMs };
            }
            """, s_measure.TotalMilliseconds);
        var hub = timings.Summary(TelemetryMetrics.Hub);
        var dashboard = timings.Summary(TelemetryMetrics.Dashboard);
        var run = simulator.RunOf(WindDataset.Normal)!;
        await simulator.StopAsync(WindDataset.Normal);

        var f = (string name) => frames.GetProperty(name).GetDouble();
        var lines = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"load locations=20 turbines_per_location=10 readings_per_s=200 seconds={s_measure.TotalSeconds:F0} sent={run.Sent} hub_items_received={hubItems}"),
            string.Create(CultureInfo.InvariantCulture, $"server hub pushes={hub.Pushes} items={hub.Items} p50_ms={hub.P50Ms:F3} p99_ms={hub.P99Ms:F3} max_ms={hub.MaxMs:F3}"),
            string.Create(CultureInfo.InvariantCulture, $"server dashboard pushes={dashboard.Pushes} items={dashboard.Items} p50_ms={dashboard.P50Ms:F2} p99_ms={dashboard.P99Ms:F2} max_ms={dashboard.MaxMs:F2}"),
            string.Create(CultureInfo.InvariantCulture, $"browser frames={f("frames")} frame_p50_ms={f("p50"):F1} frame_p95_ms={f("p95"):F1} frame_max_ms={f("max"):F1} chart_updates={f("updates")} chart_update_avg_ms={f("updateAvg"):F1} chart_update_max_ms={f("updateMax"):F1}"),
        };
        foreach (var line in lines)
            output.WriteLine(line);
        await File.WriteAllLinesAsync(Path.Combine(RepositoryPaths.Root, "docs", "load-figures.txt"), lines);

        Assert.True(hub.Pushes > 0 && dashboard.Pushes > 0, "No push was measured.");
        Assert.True(f("frames") > 0 && f("updates") > 0, "The charts did not update while measuring.");
        Assert.True(hubItems > 0, "The SignalR client received nothing.");
    }

}
