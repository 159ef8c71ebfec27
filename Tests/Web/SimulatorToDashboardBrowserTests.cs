using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web;

/// <summary>The operator's path in a real browser: start the anomaly dataset, watch it on the dashboard; screenshots of every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulatorToDashboardBrowserTests(ITestOutputHelper output) : BrowserTest
{

    [Fact]
    public async Task Injected_anomalies_show_on_the_dashboard_chart_and_in_the_newest_anomalies_within_seconds()
    {
        var page = await NewPageAsync(Desktop);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(App.BaseUrl + "/");
        await WaitForCircuitAsync(page);
        await page.Locator("#rate-anomaly").FillAsync("400");
        await page.Locator("#rate-anomaly").BlurAsync();
        var started = Stopwatch.StartNew();
        await page.Locator("#start-anomaly").ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("#status-anomaly")).ToContainTextAsync("Running", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            // Seen once in many runs under full-suite load: the click did not start the run. Say what the browser saw.
            throw new Xunit.Sdk.XunitException($"The anomaly dataset did not start after Start was clicked; browser errors: [{string.Join("; ", errors)}]. {e.Message}");
        }
        await Assertions.Expect(page.Locator("#test-data tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("simulator.png"), FullPage = true, Timeout = 90_000 });

        await page.Locator("#nav-dashboard").ClickAsync();
        await WaitForCircuitAsync(page);
        // The list shows the anomalies that raise alerts (the alert rule: a spike scoring 3 or more at 55 mph or more), which
        // come once a location's forest has warmed up and its first spike is injected.
        await Assertions.Expect(page.Locator("#anomalies tbody tr").First).ToBeVisibleAsync(new() { Timeout = 45_000 });
        output.WriteLine($"first anomaly row on the dashboard {started.Elapsed.TotalSeconds:F1} s after Start");

        // The injected spike is on the charts of the location that has it: select it and read the score chart.
        var anomalyLocation = await page.Locator("#anomalies tbody tr td").Nth(1).InnerTextAsync();
        // Under a full-suite load on two cores the page can be busy drawing live data for a while: allow it a minute.
        // With more locations than the picker lists at once it is folded: open it, search, choose.
        if (await page.Locator("#location-toggle").CountAsync() > 0)
        {
            await page.Locator("#location-toggle").ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
            await page.Locator("input#location-search").FillAsync(anomalyLocation);
        }
        await page.Locator($"#location-{anomalyLocation.Replace(' ', '-')}").ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#location-current")).ToHaveTextAsync(anomalyLocation);
        var summary = await WaitForChartAsync(page, "score-chart", s => s.MaxY >= 3, TimeSpan.FromSeconds(10));
        output.WriteLine($"score chart at {anomalyLocation}: {summary.Points} points, max score {summary.MaxY:F2}");
        Assert.True(summary.MaxY >= 3, $"The score chart of {anomalyLocation} shows no score of 3 or more (max {summary.MaxY}).");
        var speed = await WaitForChartAsync(page, "speed-chart", s => s.Points > 0, TimeSpan.FromSeconds(5));
        Assert.True(speed.Series >= 4, $"The speed chart should have a line per turbine; it has {speed.Series}.");
        Assert.NotEqual(0, await page.Locator("#status-board .turbine").CountAsync());

        await WaitForChartAsync(page, "max-chart", s => s.Points > 0, TimeSpan.FromSeconds(15));
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard.png"), FullPage = true, Timeout = 90_000 });
        await page.SetViewportSizeAsync(820, 1180);
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("dashboard-tablet.png"), Timeout = 90_000 });
        await page.SetViewportSizeAsync(1440, 1000);

        await page.Locator("#nav-streams").ClickAsync();
        await page.Locator("#get-records").ClickAsync();
        await Assertions.Expect(page.Locator("#records tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains("\"location\"", await page.Locator("#records tbody tr td.payload").First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("streams.png"), FullPage = true, Timeout = 90_000 });

        await page.Locator("#nav-tables").ClickAsync();
        await Assertions.Expect(page.Locator("#run-query")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.Locator("#location").FillAsync(anomalyLocation);
        await page.Locator("#location").BlurAsync();
        await page.Locator("#run-query").ClickAsync();
        await Assertions.Expect(page.Locator("#items tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("tables.png"), FullPage = true, Timeout = 90_000 });

        // The injected events raised alerts; acknowledge one the way a maintenance team member would: signed in, with a comment.
        await page.Locator("#nav-alerts").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("#alert-comment").FillAsync("crew on the way");
        await page.Locator("#alert-comment").BlurAsync();
        await page.Locator("#alerts button.acknowledge").First.ClickAsync();
        await Assertions.Expect(page.Locator("#alerts").GetByText($"acknowledged by {TurbineConsoleWebApp.Operator}").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#alerts").GetByText("crew on the way").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("alerts.png"), FullPage = true, Timeout = 90_000 });

        Assert.DoesNotContain(errors, e => !e.Contains("favicon", StringComparison.OrdinalIgnoreCase));
    }

    private static string Screenshot(string name) => Path.Combine(RepositoryPaths.Screenshots, name);

}
