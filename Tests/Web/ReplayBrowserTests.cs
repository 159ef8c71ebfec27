using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// An operator replays a recorded SCADA export in a real browser: a file with a bad line is refused naming the line
/// and nothing is sent; the fixed file is imported, replayed at 10 times its pace, reaches 100 %, and its readings show
/// on the dashboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplayBrowserTests(ITestOutputHelper output) : BrowserTest
{
    private const string Location = "Replay Lab";

    [Fact]
    public async Task A_recorded_file_with_a_bad_line_is_refused_then_fixed_replayed_at_ten_times_and_seen_on_the_dashboard()
    {
        var page = await NewPageAsync(Desktop);
        await page.GotoAsync(App.BaseUrl + "/");
        await WaitForCircuitAsync(page);

        await page.Locator("#replay-file").SetInputFilesAsync(Csv("recorded.csv", badLine: 5));
        await Assertions.Expect(page.Locator("#replay-preview tbody tr")).ToHaveCountAsync(5, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#replay-preview tbody tr").First).ToContainTextAsync(Location);
        await page.Locator("#replay-import").ClickAsync();
        var errors = page.Locator("#replay-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Nothing was imported: 1 line cannot be read.", new() { Timeout = 30_000 });
        await Assertions.Expect(errors).ToContainTextAsync("Line 5: wind_speed 'gusty' is not a number.");
        Assert.Equal(0, await page.Locator("#replay-start").CountAsync());
        Assert.Empty(App.Services.GetRequiredService<Replayer>().Recordings);

        await page.Locator("#replay-file").SetInputFilesAsync(Csv("recorded-fixed.csv", badLine: null));
        await Assertions.Expect(page.Locator("#replay-errors")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.Locator("#replay-import").ClickAsync();
        await Assertions.Expect(page.Locator("#replay-recording")).ToContainTextAsync("40 readings of Replay Lab", new() { Timeout = 30_000 });
        await page.Locator("#replay-speedup").FillAsync("10");
        await page.Locator("#replay-speedup").BlurAsync();
        await page.Locator("#replay-start").ClickAsync();

        var progress = page.Locator("#replay-progress");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-status", "Running", new() { Timeout = 30_000 });
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-percent", "100", new() { Timeout = 60_000 });
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(progress).ToContainTextAsync("sent 40 of 40 (100 %)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "replay.png"), FullPage = true, Timeout = 90_000 });

        await page.Locator("#nav-dashboard").ClickAsync();
        await WaitForCircuitAsync(page);
        await page.Locator($"#location-{Location.Replace(' ', '-')}").ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        var speed = await WaitForChartAsync(page, "speed-chart", s => s.Points >= 40, TimeSpan.FromSeconds(30));
        output.WriteLine($"speed chart of {Location}: {speed.Series} series, {speed.Points} points, max {speed.MaxY}");
        Assert.True(speed.Points >= 40, $"The dashboard's speed chart of {Location} shows {speed.Points} points; the replay sent 40.");
        Assert.Equal(2, speed.Series);
        Assert.Equal(59.0, speed.MaxY);
    }

    /// <summary>40 readings one second apart from two turbines (the last at 59 mph), with an unreadable speed on <paramref name="badLine"/>.</summary>
    private static FilePayload Csv(string name, int? badLine)
    {
        var text = new StringBuilder("time,turbine,site,wind_speed,power_kw\n");
        var start = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 40; i++)
        {
            var speed = i + 2 == badLine ? "gusty" : (20 + i).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{start.AddSeconds(i):O},RPL-0{1 + (i % 2)},{Location},{speed},{1000 + i}\n");
        }
        return new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text.ToString()) };
    }
}
