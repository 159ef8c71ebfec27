using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// The operator's view in a real browser: the Pipeline page live while readings flow, then the unhealthy banner on
/// every page while another connection holds the database's write lock (the jobs fail in their retry loop), gone
/// once it is released.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PipelinePageBrowserTests(ITestOutputHelper output) : BrowserTest
{
    private const string Location = "Browser Farm";

    private protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Pipeline:Health:FailingAfter"] = "00:00:00",
        ["Pipeline:Health:Interval"] = "00:00:01",
        ["Pipeline:Jobs:RetryBackoff"] = "00:00:00.200",
        ["Pipeline:MaxSpeed:IdleTimeout"] = "00:00:02",
    };

    [Fact]
    public async Task The_Pipeline_page_shows_every_consumer_and_shard_live_and_the_banner_says_what_is_wrong_on_every_page_while_the_database_is_locked()
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(App.BaseUrl + "/pipeline");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        var rows = page.Locator("#consumers tbody tr");
        // Seven consumers (two jobs, the rollup job, three destination functions, the alert function) on two shards each.
        await Assertions.Expect(rows).ToHaveCountAsync(14, new() { Timeout = 30_000 });
        await PutReadingsAsync(200);
        // The farm's readings land on one shard: find it, then read its row.
        var shard = await WaitForAsync(async () =>
        {
            foreach (var row in await page.Locator("#consumers tbody tr[data-consumer=AnomalyDetection]").AllAsync())
            {
                if (await row.Locator("td.position").InnerTextAsync() != "-")
                    return await row.GetAttributeAsync("data-shard");
            }
            return null;
        });
        var detection = page.Locator($"#consumers tbody tr[data-consumer=AnomalyDetection][data-shard={shard}]");
        await Assertions.Expect(page.Locator($"#consumers tbody tr[data-consumer=AnalyticsDestinationFunction] td.checkpoint", new() { HasNotTextString = "never" }).First)
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(detection.Locator("td.state-size")).ToHaveTextAsync(SizeText(), new() { Timeout = 30_000 });
        await Assertions.Expect(detection.Locator("td.throughput")).ToHaveTextAsync(RateText(), new() { Timeout = 10_000 });
        foreach (var lag in await page.Locator("#consumers td.lag").AllInnerTextsAsync())
            Assert.Matches(LagText(), lag);
        await Assertions.Expect(page.Locator("#readiness-status")).ToHaveTextAsync("Healthy", new() { Timeout = 30_000 });
        Assert.Equal(0, await page.Locator("#health-banner").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "pipeline.png"), FullPage = true, Timeout = 90_000 });

        // Readings whose windows the max-speed job will flush (a write) once its shard is idle, then the lock.
        await PutReadingsAsync(8);
        using (new DatabaseWriteLock(App.DataDirectory))
        {
            var banner = page.Locator("#health-banner");
            await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(banner).ToContainTextAsync("database is locked", new() { Timeout = 10_000 });
            var text = await banner.InnerTextAsync();
            output.WriteLine($"banner: {text}");
            Assert.Matches(BannerText(), text);
            await Assertions.Expect(page.Locator("#consumers td.last-error", new() { HasTextString = "database is locked" }).First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#readiness-status")).ToHaveTextAsync("Unhealthy");
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "pipeline-unhealthy.png"), FullPage = true, Timeout = 90_000 });

            await page.Locator("#nav-dashboard").ClickAsync();
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator("#health-banner")).ToContainTextAsync("database is locked", new() { Timeout = 10_000 });
        }

        await Assertions.Expect(page.Locator("#health-banner")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await page.Locator("#nav-pipeline").ClickAsync();
        await Assertions.Expect(page.Locator("#readiness-status")).ToHaveTextAsync("Healthy", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }

    /// <summary>Polls <paramref name="look"/> until it returns something, for at most 30 s.</summary>
    private static async Task<string> WaitForAsync(Func<Task<string?>> look)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await look() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "The Pipeline page showed no position for AnomalyDetection within 30 s.");
            await Task.Delay(200);
        }
    }

    private async Task PutReadingsAsync(int count)
    {
        var backend = App.Services.GetRequiredService<PipelineBackend>();
        var options = App.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(0, count)
            .Select(i => new WindReading(Location, $"BRW-{i % 4:D2}", 20 + i % 9, now.AddMilliseconds(-count + i), i, "wind"))
            .Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList();
        Assert.Equal(0, (await new StreamPublisher(backend.Streams).PutAllAsync(options.Streams.WindData, entries)).FailedCount);
    }

    [GeneratedRegex(@"^\d+(\.\d)? (B|KB|MB)\s*[\d,]+ keys? in memory$")]
    private static partial Regex SizeText();

    [GeneratedRegex(@"^[\d,]+\.\d/s$")]
    private static partial Regex RateText();

    [GeneratedRegex(@"^(caught up|\d+ (ms|s|min|h|d)( \d+ (s|min|h))? behind)$")]
    private static partial Regex LagText();

    [GeneratedRegex(@"The pipeline is unhealthy\.[\s\S]*\w+ shardId-\d+: failing for \d+ (ms|s|min)[\s\S]*database is locked")]
    private static partial Regex BannerText();
}
