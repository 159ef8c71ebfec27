using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The dashboard's 7-day view in a real browser, on readings written straight into the tables as the pipeline would
/// have stored them (rollups included): read from the rollups, with the week's one spike on the chart. The measurement
/// does it with 1,000,000 readings and writes its figures to docs/history-figures.txt.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryBrowserTests(ITestOutputHelper output) : BrowserTest
{
    private static readonly string s_location = WindDatasetGenerator.LocationNames[0];

    [Fact]
    public async Task The_seven_day_view_is_read_from_the_rollups_and_shows_the_weeks_spike()
    {
        await WriteWeekAsync(20_160, turbines: 3);
        var page = await OpenDashboardAsync();

        var shown = await ShowWeekAsync(page);

        Assert.True(shown.Rollups > 0, "The week was not read from the rollups.");
        Assert.InRange(shown.Raw, 0, 200);
        var speed = await WaitForChartAsync(page, "speed-chart", s => s.MaxY >= 97, TimeSpan.FromSeconds(5));
        Assert.Equal(97, speed.MaxY);
        Assert.Contains("rollups of 10 min per turbine", await page.Locator("#history-source").TextContentAsync());
        Assert.Contains("20,160 readings", await page.Locator("#history-note").TextContentAsync());
    }

    /// <summary>A measurement, not a timed assertion: prints and writes the figures of the 7-day view of 1,000,000 readings.</summary>
    [Fact]
    public async Task The_seven_day_view_of_a_million_readings_is_measured_and_the_figures_are_reported()
    {
        const int readings = 1_000_000;
        var writing = Stopwatch.StartNew();
        await WriteWeekAsync(readings, turbines: 10);
        writing.Stop();
        var page = await OpenDashboardAsync();

        var shown = await ShowWeekAsync(page);

        var speed = await WaitForChartAsync(page, "speed-chart", s => s.MaxY >= 97, TimeSpan.FromSeconds(5));
        await page.ClickAsync("#range-1440");
        await page.Locator("#history-source").WaitForAsync(new() { Timeout = 60_000 });
        var again = await ShowWeekAsync(page);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"history readings_stored={readings} turbines=10 range=7d write_s={writing.Elapsed.TotalSeconds:F0} query_ms={shown.QueryMs} rollups_read={shown.Rollups} raw_readings_read={shown.Raw} points_sent={shown.Points} click_to_note_ms={shown.NoteMs:F0} click_to_chart_ms={shown.RenderMs:F0} chart_draws={shown.Draws} chart_draw_ms={shown.DrawMs:F0} again_query_ms={again.QueryMs} again_click_to_chart_ms={again.RenderMs:F0} spike_shown={speed.MaxY >= 97}");
        output.WriteLine(line);
        await File.WriteAllLinesAsync(Path.Combine(RepositoryPaths.Root, "docs", "history-figures.txt"), [line]);

        Assert.True(shown.Rollups > 0, "The week was not read from the rollups.");
        Assert.Equal(97, speed.MaxY);
    }

    private async Task WriteWeekAsync(long readings, int turbines)
    {
        var names = App.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.Tables;
        // Straight into the backend's store, past the change feed: the dashboard reads them back as history.
        var tables = ((ObservableTableStore)App.Services.GetRequiredService<ITableStore>()).Inner;
        var end = DateTimeOffset.UtcNow;
        await StoredHistory.WriteAsync(tables, names, StoredHistory.CalmWeekWithASpike(s_location, turbines, readings, end, end.AddDays(-3.5)));
    }

    private async Task<IPage> OpenDashboardAsync()
    {
        var page = await NewPageAsync(Desktop);
        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#location-current")).ToHaveTextAsync(s_location, new() { Timeout = 30_000 });
        await page.EvaluateAsync("async () => { window.historyCharts = await import('/js/apexChart.js'); }");
        return page;
    }

    /// <summary>Clicks "7 d" and waits, frame by frame in the page, until the three charts are drawn from the tables.</summary>
    private static async Task<Shown> ShowWeekAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            () => new Promise((done, fail) => {
                const stats = window.turbineChartStats; stats.updates = 0; stats.updateMs = 0; stats.updateMaxMs = 0;
                const started = performance.now();
                let noteMs = null;
                document.querySelector('#range-10080').click();
                const ids = ['score-chart', 'speed-chart', 'max-chart'];
                const check = () => {
                    const source = document.querySelector('#history-source');
                    if (source && noteMs === null) noteMs = performance.now() - started;
                    const charts = ids.map(id => window.historyCharts.summary(id));
                    const drawn = source && charts.every(c => c && c.points > 0 && c.xMax - c.xMin > 3 * 24 * 3600 * 1000);
                    if (drawn) {
                        // One more frame: the drawing is on the screen.
                        requestAnimationFrame(() => done({
                            renderMs: performance.now() - started, noteMs, draws: stats.updates, drawMs: stats.updateMs,
                            points: charts.reduce((n, c) => n + c.points, 0),
                            queryMs: Number(source.dataset.readMs), rollups: Number(source.dataset.rollups), raw: Number(source.dataset.raw),
                        }));
                    } else if (performance.now() - started > 120000) {
                        fail(new Error('The charts were not drawn in two minutes: note ' + (source !== null) + ', charts ' + JSON.stringify(charts)));
                    } else {
                        requestAnimationFrame(check);
                    }
                };
                requestAnimationFrame(check);
            })
            """);
        return new Shown(result.GetProperty("renderMs").GetDouble(), result.GetProperty("noteMs").GetDouble(), result.GetProperty("draws").GetInt32(), result.GetProperty("drawMs").GetDouble(), result.GetProperty("points").GetInt32(), result.GetProperty("queryMs").GetInt64(),
            result.GetProperty("rollups").GetInt64(), result.GetProperty("raw").GetInt64());
    }

    /// <summary>What the 7-day view showed: time from the click to the drawn charts, points sent, the server's read time, rollups and readings read.</summary>
    private sealed record Shown(double RenderMs, double NoteMs, int Draws, double DrawMs, int Points, long QueryMs, long Rollups, long Raw);
}
