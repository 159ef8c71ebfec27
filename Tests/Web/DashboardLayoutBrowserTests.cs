using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The dashboard in Chromium at a phone's, a tablet's and a laptop's width, with 24 locations in calm wind and an open
/// alert at one: it opens on the location of the alert, the picker stays folded, nothing runs off the page, the limit
/// lines are drawn inside the plots although no reading reaches them, and the three charts share one time window.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardLayoutBrowserTests : BrowserTest
{
    /// <summary>The location with an open alert.</summary>
    private const string Spiked = "Tulsa";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    [InlineData(1366, 768)]
    public async Task The_dashboard_fits_the_width_opens_on_the_alert_and_draws_every_limit_line_on_aligned_charts(int width, int height)
    {
        await WriteReadingsAsync();
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

        await page.GotoAsync(App.BaseUrl + "/dashboard");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("#location-current")).ToHaveTextAsync(Spiked, new() { Timeout = 20_000 });
        var summaries = await WaitForSharedWindowAsync(page);

        // One window for the three charts, ending at the newest reading.
        Assert.Single(summaries.Values.Select(s => (s.GetProperty("xMin").GetDouble(), s.GetProperty("xMax").GetDouble())).Distinct());
        // Plots of one width, starting at the same place within their column.
        var grids = new Dictionary<string, LocatorBoundingBoxResult>();
        foreach (var chart in s_charts)
            grids[chart] = (await page.Locator($"#{chart} .apexcharts-grid").BoundingBoxAsync())!;
        Assert.InRange(grids["speed-chart"].Width - grids["score-chart"].Width, -1.5, 1.5);
        Assert.InRange(grids["max-chart"].Width - grids["score-chart"].Width, -1.5, 1.5);
        Assert.InRange(grids["max-chart"].X - grids["score-chart"].X, -1.5, 1.5);

        // Every limit line is drawn inside its plot, though the calm readings stay far below them.
        foreach (var (chart, lines) in new[] { ("score-chart", 1), ("speed-chart", 2), ("max-chart", 2) })
        {
            var grid = grids[chart];
            var drawn = page.Locator($"#{chart} .apexcharts-yaxis-annotations line");
            Assert.Equal(lines, await drawn.CountAsync());
            for (var i = 0; i < lines; i++)
            {
                var line = (await drawn.Nth(i).BoundingBoxAsync())!;
                Assert.InRange(line.Y, grid.Y - 1, grid.Y + grid.Height + 1);
            }
            Assert.True(summaries[chart].GetProperty("yAxisMax").GetDouble() > summaries[chart].GetProperty("maxY").GetDouble(), $"{chart}: the axis ends at the data.");
        }

        // The speed chart's legend (a name per turbine) stays clear of its zoom icons.
        var legend = (await page.Locator("#speed-chart .apexcharts-legend").BoundingBoxAsync())!;
        var toolbar = (await page.Locator("#speed-chart .apexcharts-toolbar").BoundingBoxAsync())!;
        Assert.True(legend.Y >= toolbar.Y + toolbar.Height || legend.Y + legend.Height <= toolbar.Y
            || legend.X >= toolbar.X + toolbar.Width || legend.X + legend.Width <= toolbar.X, $"The legend overlaps the zoom icons at {width} px.");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"dashboard-{width}.png"), Timeout = 90_000 });

        // Nothing runs off the page; 24 locations do not fill the first screen; the spiked card shows its chip and button whole.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"The page scrolls sideways at {width} px.");
        var picker = (await page.Locator("#location-picker").BoundingBoxAsync())!;
        Assert.True(picker.Height < 120, $"The location picker is {picker.Height} px high at {width} px.");
        var card = (await page.Locator($"#status-board [data-location={Spiked}]").BoundingBoxAsync())!;
        foreach (var part in new[] { ".state-chip", ".card-acknowledge" })
        {
            var box = (await page.Locator($"#status-board [data-location={Spiked}] {part}").BoundingBoxAsync())!;
            Assert.True(box.X >= card.X && box.X + box.Width <= card.X + card.Width + 0.5, $"{part} sticks out of the card at {width} px.");
        }
        await page.Locator("#location-toggle").ClickAsync();
        await page.Locator("input#location-search").FillAsync("chey");
        await Assertions.Expect(page.Locator(".location-option")).ToHaveTextAsync(["Cheyenne"]);
    }

    private static readonly string[] s_charts = ["score-chart", "speed-chart", "max-chart"];

    /// <summary>Waits until every chart has points and the three are drawn over the same time window.</summary>
    private static async Task<Dictionary<string, JsonElement>> WaitForSharedWindowAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var summaries = new Dictionary<string, JsonElement>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var chart in s_charts)
            {
                var json = await page.EvaluateAsync<JsonElement?>($"async () => (await import('/js/apexChart.js')).summary('{chart}')");
                if (json is { ValueKind: JsonValueKind.Object } s)
                    summaries[chart] = s;
            }
            if (summaries.Count == s_charts.Length && summaries.Values.All(s => s.GetProperty("points").GetInt32() > 0)
                && summaries.Values.Select(s => s.GetProperty("xMax").ToString()).Distinct().Count() == 1)
            {
                return summaries;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The charts did not share one window in 20 s: {string.Join("; ", summaries.Select(s => $"{s.Key} {s.Value}"))}");
    }

    /// <summary>Four turbines per simulated location in calm wind over the last half minute, and an open incident at Tulsa.</summary>
    private async Task WriteReadingsAsync()
    {
        var tables = App.Services.GetRequiredService<ITableStore>();
        var now = DateTimeOffset.UtcNow;
        var items = new List<Item>();
        foreach (var location in WindDatasetGenerator.LocationNames)
        {
            for (var i = 0; i < 10; i++)
            {
                for (var t = 1; t <= 4; t++)
                {
                    var speed = 20 + i + t;
                    items.Add(WindDataItem.From(new AnomalyResult(new WindReading(location, $"{location[..3].ToUpperInvariant()}-0{t}", speed, now.AddSeconds(i * 3 - 30), i + 1, "test"), 0.5 + i * 0.05, 0, null)));
                }
            }
        }
        await tables.PutItemsAsync("WindDataTable", items);
        await tables.PutItemsAsync("MaxWindSpeedTable", [MaxWindSpeedItem.From(new MaxSpeedWindow(Spiked, 31, now.AddMinutes(-2), now.AddMinutes(-1), 20))]);
        await App.Services.GetRequiredService<AlertService>().Store.TryCreateAsync(TestIncidents.New(Spiked, now.AddMinutes(-1)));
    }
}
