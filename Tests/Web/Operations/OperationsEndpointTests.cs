using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;
using TurbineConsole.Tests.Web.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Web.Operations;

/// <summary>
/// The operator's endpoints of the real app (Kestrel, embedded backend, the pipeline running): <c>/metrics</c> scraped
/// and parsed as Prometheus text, <c>/health/live</c> and <c>/health/ready</c> healthy, and unhealthy while the backend
/// cannot work (another connection holds the database's write lock; the disk has less room than the setting).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OperationsEndpointTests(ITestOutputHelper output)
{
    private const string Location = "Scrape Farm";

    [Fact]
    public async Task Metrics_are_scraped_in_Prometheus_text_and_the_pipeline_counters_move_with_readings_without_their_values_as_labels()
    {
        await using var app = new TurbineConsoleWebApp();
        using var http = WebAppFixture.NewClient(app);
        await WaitUntilReadyAsync(http);
        var before = Parse(await ScrapeAsync(http));

        var readings = Readings(40);
        var backend = app.Services.GetRequiredService<PipelineBackend>();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PipelineOptions>>().Value;
        var entries = readings.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).Append(new PutRecordsEntry(Location, Encoding.UTF8.GetBytes("not json"))).ToList();
        Assert.Equal(0, (await new StreamPublisher(backend.Streams).PutAllAsync(options.Streams.WindData, entries)).FailedCount);
        await Eventually.WaitUntilAsync(async () => (await backend.Tables.QueryAsync(options.Tables.WindData, new TableQuery(Location) { Limit = 100 })).Items.Count == readings.Count,
            "the readings are in WindDataTable");
        await Task.Delay(500); // the exporter may answer a scrape within 300 ms from its cache

        var timer = Stopwatch.StartNew();
        var text = await ScrapeAsync(http);
        output.WriteLine($"scrape ms={timer.Elapsed.TotalMilliseconds:F1} bytes={text.Length} series={text.Split('\n').Count(l => l.Length > 0 && l[0] != '#')}");
        var after = Parse(text);

        Assert.Equal(readings.Count + 1, after.Sum("turbineconsole_pipeline_records_in_total", ("consumer", "AnomalyDetection")) - before.Sum("turbineconsole_pipeline_records_in_total", ("consumer", "AnomalyDetection")));
        Assert.True(after.Sum("turbineconsole_pipeline_records_out_total", ("consumer", "AnalyticsDestinationFunction")) >= readings.Count);
        Assert.True(after.Sum("turbineconsole_pipeline_dead_letters_total", ("consumer", "AnomalyDetection"), ("reason", "malformed")) >= 1);
        Assert.True(after.Sum("turbineconsole_pipeline_batch_duration_seconds_count", ("consumer", "CalculateMaxSpeed")) >= 1);
        foreach (var consumer in new[] { "AnomalyDetection", "CalculateMaxSpeed", "AnalyticsDestinationFunction", "DIYFunction", "AnomalyMessageDeliveryFunction" })
            Assert.Equal(2, after.Samples.Count(s => s.Name == "turbineconsole_pipeline_iterator_age_milliseconds" && s.Labels.GetValueOrDefault("consumer") == consumer));
        Assert.Contains(after.Samples, s => s.Name == "turbineconsole_pipeline_checkpoint_size_bytes" && s.Labels["consumer"] == "AnomalyDetection" && s.Value > 0);
        Assert.Equal("gauge", after.Types["turbineconsole_pipeline_iterator_age_milliseconds"]);
        Assert.Equal("counter", after.Types["turbineconsole_pipeline_records_in_total"]);
        Assert.Equal("histogram", after.Types["turbineconsole_pipeline_batch_duration_seconds"]);
        Assert.DoesNotContain(Location, text);
        Assert.DoesNotContain(readings[0].Turbine, text);
        var allowed = new HashSet<string> { "otel_scope_name", "consumer", "shard", "reason", "channel", "le",
            "service_name", "service_instance_id", "telemetry_sdk_name", "telemetry_sdk_language", "telemetry_sdk_version" };
        Assert.All(after.Samples.SelectMany(s => s.Labels.Keys).Distinct(), label => Assert.Contains(label, allowed));
    }

    [Fact]
    public async Task A_running_app_is_live_and_ready_and_says_so_per_check_in_JSON()
    {
        await using var app = new TurbineConsoleWebApp();
        using var http = WebAppFixture.NewClient(app);

        var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var ready = await WaitUntilReadyAsync(http);
        var checks = ready.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);

        Assert.Equal(
            new[] { "AnalyticsDestinationFunction", "AnomalyDetection", "AnomalyMessageDeliveryFunction", "CalculateMaxSpeed", "DIYFunction", "RollupDestinationFunction", "WindRollup", "backend", "disk" },
            checks.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
        Assert.Equal("The Embedded backend answers: stream WindDataStream has 2 shard(s), table WindDataTable exists.", checks["backend"].GetProperty("description").GetString());
        Assert.Equal("AnomalyDetection: 2 shard(s), caught up.", checks["AnomalyDetection"].GetProperty("description").GetString());
        Assert.Equal(
            app.Services.GetRequiredService<TurbinePipeline>().Status.Select(s => s.Consumer).Append("AnomalyMessageDeliveryFunction").Distinct().Order(StringComparer.Ordinal),
            OperationsServiceCollectionExtensions.ConsumerChecks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Readiness_is_unhealthy_while_another_connection_holds_the_database_write_lock_and_healthy_again_after()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?>
        {
            ["Pipeline:Health:FailingAfter"] = "00:00:00",
            ["Pipeline:Jobs:RetryBackoff"] = "00:00:00.200",
            ["Pipeline:MaxSpeed:IdleTimeout"] = "00:00:02",
        });
        using var http = WebAppFixture.NewClient(app);
        await WaitUntilReadyAsync(http);
        var backend = app.Services.GetRequiredService<PipelineBackend>();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PipelineOptions>>().Value;

        // Open windows that the max-speed job will flush (a write) when its shard has been idle for 2 s.
        var readings = Readings(8);
        await new StreamPublisher(backend.Streams).PutAllAsync(options.Streams.WindData, readings.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList());
        var faultStarted = Stopwatch.StartNew();
        JsonElement unhealthy;
        using (new DatabaseWriteLock(app.DataDirectory))
        {
            unhealthy = await WaitForReadinessAsync(http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
            output.WriteLine($"unhealthy after {faultStarted.Elapsed.TotalSeconds:F1} s: {unhealthy}");
            var live = await http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var released = Stopwatch.StartNew();
        await WaitForReadinessAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        output.WriteLine($"ready again {released.Elapsed.TotalSeconds:F1} s after the lock was released");

        Assert.Equal("Unhealthy", unhealthy.GetProperty("status").GetString());
        var failing = unhealthy.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("status").GetString() == "Unhealthy").ToList();
        Assert.NotEmpty(failing);
        Assert.Contains(failing, c => FailingText().IsMatch(c.GetProperty("description").GetString()!));
        Assert.DoesNotContain(unhealthy.ToString(), s => s == '\n');
        Assert.DoesNotContain(" at TurbineConsole.", unhealthy.ToString());
    }

    [Fact]
    public async Task Readiness_is_unhealthy_when_the_data_directory_has_less_free_space_than_the_setting()
    {
        await using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["Pipeline:Health:MinFreeDiskMegabytes"] = "1000000000000" });
        using var http = WebAppFixture.NewClient(app);

        var response = await http.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var disk = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "disk");
        Assert.Equal("Unhealthy", disk.GetProperty("status").GetString());
        Assert.Contains("Pipeline:Health:MinFreeDiskMegabytes", disk.GetProperty("description").GetString());
        Assert.DoesNotContain(app.DataDirectory, body.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_probes_and_the_scrape_allow_anonymous_callers_so_that_sign_in_elsewhere_does_not_hide_them()
    {
        await using var app = new TurbineConsoleWebApp();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            var endpoint = Assert.Single(endpoints, e => "/" + e.RoutePattern.RawText?.TrimStart('/') == path);
            Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
        }
    }

    [GeneratedRegex(@"\w+ shardId-\d+: failing for \d+ (ms|s|min)[^:]*: .*database is locked")]
    private static partial Regex FailingText();

    /// <summary>Readings of <see cref="Location"/> stamped now (within the event-time rules), four turbines.</summary>
    private static List<WindReading> Readings(int count)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i => new WindReading(Location, $"SCR-{i % 4:D2}", 20 + i % 7, now.AddMilliseconds(-i), i, "wind"))];
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> WaitUntilReadyAsync(HttpClient http) => await WaitForReadinessAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

    private static async Task<JsonElement> WaitForReadinessAsync(HttpClient http, HttpStatusCode wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            var json = JsonDocument.Parse(body).RootElement;
            if (response.StatusCode == wanted && (wanted != HttpStatusCode.OK || json.GetProperty("status").GetString() == "Healthy"))
                return json;
            Assert.True(DateTime.UtcNow < deadline, $"/health/ready did not answer {wanted} within {timeout}; last: {(int)response.StatusCode} {body}");
            await Task.Delay(200);
        }
    }

    /// <summary>A scrape, parsed strictly as Prometheus text format 0.0.4: every line a comment, a TYPE or HELP line, or a sample.</summary>
    private sealed record Scrape(IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, string> Types)
    {
        public double Sum(string name, params (string Key, string Value)[] labels) =>
            Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);
    }

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    private static Scrape Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line == "# EOF")
                continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                types[parts[2]] = parts[3];
                continue;
            }
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
                continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value));
            var name = match.Groups["name"].Value;
            Assert.True(types.Keys.Any(t => name == t || name.StartsWith(t + "_", StringComparison.Ordinal)), $"{name} has no TYPE line before it");
            samples.Add(new Sample(name, labels, double.Parse(match.Groups["value"].Value.Replace("+Inf", "Infinity"), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new Scrape(samples, types);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN)|\+Inf)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
