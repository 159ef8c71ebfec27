using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Api;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Api;

/// <summary>
/// The HTTP API against the running app (embedded backend, real Kestrel socket): every endpoint, with a Viewer's and an
/// Operator's personal API tokens, the refusals, the audit log, and the OpenAPI document.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private TurbineConsoleWebApp _app = null!;
    private HttpClient _viewer = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _app = new TurbineConsoleWebApp(new Dictionary<string, string?> { ["Pipeline:MaxSpeed:IdleTimeout"] = "00:00:01" });
        await _app.CreateUserAsync("vera", AccessRoles.Viewer);
        await _app.CreateUserAsync(TurbineConsoleWebApp.Operator, AccessRoles.Operator);
        _viewer = Client(await _app.CreateApiTokenAsync("vera"));
        _operator = Client(await _app.CreateApiTokenAsync(TurbineConsoleWebApp.Operator));
    }

    [Fact]
    public async Task Without_a_token_or_with_the_pages_cookie_the_API_answers_401_and_says_how_to_get_in()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        using var response = await anonymous.GetAsync("/api/v1/datasets");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync());

        // A signed-in browser's cookie does not open the API: a page cannot be made to call it.
        using var cookie = await _app.NewSignedInClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.PostAsync("/api/v1/datasets/anomaly/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client("tc_never-made").GetAsync("/api/v1/datasets")).StatusCode);
    }

    [Fact]
    public async Task An_operator_starts_and_stops_a_dataset_a_viewer_may_only_look_and_both_are_audited()
    {
        var datasets = await GetAsync<List<DatasetStatus>>(_viewer, "/api/v1/datasets");
        Assert.Equal(["normal", "anomaly", "diy"], datasets.Select(d => d.Dataset));

        using var refused = await _viewer.PostAsJsonAsync("/api/v1/datasets/anomaly/start", new StartDatasetRequest(50, 40, 2, 2, null));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var started = await _operator.PostAsJsonAsync("/api/v1/datasets/anomaly/start", new StartDatasetRequest(200, 40, 2, 2, null));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<DatasetStatus>(s_json))!.Run!;
        Assert.Equal(("WindDataStream", 200.0, 40L, 2, 2), (run.StreamName, run.ReadingsPerSecond, run.StopAfter, run.Locations, run.TurbinesPerLocation));
        await Eventually.WaitUntilAsync(async () => (await GetAsync<DatasetStatus>(_viewer, "/api/v1/datasets/anomaly")).Run is { Status: "Completed", Sent: 40 },
            "the run sent its 40 readings");

        using var stopped = await _operator.PostAsync("/api/v1/datasets/anomaly/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(audit, e => e.Action == AuditActions.DatasetStarted && e.UserName == TurbineConsoleWebApp.Operator && e.Detail.Contains("40") && e.Detail.EndsWith("(API)"));
        Assert.Contains(audit, e => e.Action == AuditActions.DatasetStopped && e.UserName == TurbineConsoleWebApp.Operator);
    }

    [Theory]
    [InlineData("anomaly", "{\"readingsPerSecond\":0}", 400, "0.1 to")]
    [InlineData("anomaly", "{\"readingsPerSecond\":-5}", 400, "0.1 to")]
    [InlineData("anomaly", "{\"stopAfter\":-5}", 400, "Stop after N readings must be 1 to")]
    [InlineData("anomaly", "{\"locations\":100000}", 400, "Locations")]
    [InlineData("anomaly", "{\"streamName\":\"bad name!\"}", 400, "stream")]
    [InlineData("normal", "{\"faults\":[{\"kind\":\"ice\",\"location\":\"Chicago\",\"startSeconds\":0,\"durationSeconds\":60}]}", 400,
        "Fault 1: Fault must be one of stuck, drift, gust;")]
    [InlineData("normal", "{\"faults\":[{\"kind\":\"gust\",\"location\":\"Chicago\",\"startSeconds\":0}]}", 400,
        "Fault 1 (gust front): Duration (s) is required.")]
    [InlineData("normal", "{\"faults\":[{\"kind\":\"gust\",\"location\":\"Chicago\",\"startSeconds\":0,\"durationSeconds\":1e12}]}", 400,
        "Fault 1 (gust front): Duration (s) must be 1 to 86,400; 1,000,000,000,000 is outside that range.")]
    [InlineData("diy", "{\"faults\":[{\"kind\":\"gust\",\"location\":\"Chicago\",\"startSeconds\":0,\"durationSeconds\":60}]}", 400,
        "Fault 1 (gust front): Location must be one of the dataset")]
    [InlineData("normal", "{\"dailyAmplitudeMph\":50}", 400, "Daily amplitude (mph) must be 0 to 20; 50 is outside that range.")]
    [InlineData("hurricane", "{}", 404, "normal, anomaly, diy")]
    public async Task A_bad_start_is_refused_with_a_message_naming_the_value_and_nothing_runs(string dataset, string body, int status, string message)
    {
        using var response = await _operator.PostAsync($"/api/v1/datasets/{dataset}/start", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.All(await GetAsync<List<DatasetStatus>>(_viewer, "/api/v1/datasets"), d => Assert.Null(d.Run));
    }

    [Fact]
    public async Task Results_and_max_speed_windows_of_a_location_come_in_pages_within_a_time_range()
    {
        var now = DateTimeOffset.UtcNow;
        await PutAsync(Enumerable.Range(0, 30).Select(i => Reading("Denver", i, now.AddSeconds(-40 + i))));
        await Eventually.WaitUntilAsync(async () => (await GetAsync<ResultPage<ScoredReading>>(_viewer, "/api/v1/results?location=Denver&limit=1000")).Items.Count == 30,
            "the 30 readings are in WindDataTable");

        var first = await GetAsync<ResultPage<ScoredReading>>(_viewer, "/api/v1/results?location=Denver&limit=12");
        var second = await GetAsync<ResultPage<ScoredReading>>(_viewer, $"/api/v1/results?location=Denver&limit=12&next={Uri.EscapeDataString(first.Next!)}");
        Assert.Equal(12, first.Items.Count);
        Assert.Equal(first.Items.Select(r => r.Time).Order(), first.Items.Select(r => r.Time));
        Assert.True(second.Items[0].Time > first.Items[^1].Time, "the next page follows the first");
        var from = now.AddSeconds(-30);
        var to = now.AddSeconds(-21);
        var range = await GetAsync<ResultPage<ScoredReading>>(_viewer, $"/api/v1/results?location=Denver&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&newestFirst=true");
        Assert.Equal(Enumerable.Range(10, 10).Select(i => 20.0 + i).Reverse(), range.Items.Select(r => r.SpeedMph));
        Assert.Null(range.Next);

        await Eventually.WaitUntilAsync(async () => (await GetAsync<ResultPage<MaxSpeedView>>(_viewer, "/api/v1/max-speed?location=Denver")).Items.Count > 0,
            "a window closed", TimeSpan.FromSeconds(30));
        var windows = await GetAsync<ResultPage<MaxSpeedView>>(_viewer, "/api/v1/max-speed?location=Denver");
        Assert.All(windows.Items, w => Assert.Equal(TimeSpan.FromSeconds(5), w.End - w.Start));
        Assert.Contains(windows.Items, w => w.MaxSpeedMph > 20 && w.ReadingCount > 1);
    }

    [Theory]
    [InlineData("/api/v1/results?location=%3Cscript%3E", "location contains")]
    [InlineData("/api/v1/results?location=Denver&limit=0", "limit must be 1 to 1000")]
    [InlineData("/api/v1/results?location=Denver&from=2026-12-02T10:00:00Z&to=2026-12-01T10:00:00Z", "from must not be after to")]
    [InlineData("/api/v1/max-speed?location=Denver&limit=5000", "limit must be 1 to 1000")]
    [InlineData("/api/v1/incidents?limit=-1", "limit must be 1 to 1000")]
    public async Task A_bad_query_gets_400_naming_the_parameter(string path, string message)
    {
        using var response = await _viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body);
        Assert.DoesNotContain("<script>", body);
    }

    [Fact]
    public async Task Incidents_are_listed_acknowledged_and_resolved_with_comments_by_an_operator_only()
    {
        var store = _app.Services.GetRequiredService<AlertStore>();
        await store.EnsureTableAsync();
        var incident = TestIncidents.New("Chicago", DateTimeOffset.UtcNow.AddMinutes(-3));
        Assert.True(await store.TryCreateAsync(incident));
        var path = $"/api/v1/incidents/{Uri.EscapeDataString(incident.Location)}/{Uri.EscapeDataString(incident.Id)}";

        var listed = Assert.Single(await GetAsync<List<IncidentView>>(_viewer, "/api/v1/incidents"));
        Assert.Equal((incident.Id, "Open"), (listed.Id, listed.State));
        Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.PostAsJsonAsync(path + "/acknowledge", new IncidentActionRequest("mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.PostAsJsonAsync(path + "/acknowledge", new IncidentActionRequest(new string('x', 501)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PostAsJsonAsync("/api/v1/incidents/Chicago/nope/acknowledge", new IncidentActionRequest(null))).StatusCode);

        using var acknowledged = await _operator.PostAsJsonAsync(path + "/acknowledge", new IncidentActionRequest("crew on the way"));
        var view = (await acknowledged.Content.ReadFromJsonAsync<IncidentView>(s_json))!;
        Assert.Equal(("Acknowledged", TurbineConsoleWebApp.Operator, "crew on the way"), (view.State, view.AcknowledgedBy, view.AcknowledgeComment));
        using var resolved = await _operator.PostAsJsonAsync(path + "/resolve", new IncidentActionRequest("blade checked"));
        view = (await resolved.Content.ReadFromJsonAsync<IncidentView>(s_json))!;
        Assert.Equal(("Resolved", TurbineConsoleWebApp.Operator, "blade checked"), (view.State, view.ResolvedBy, view.ResolveComment));
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(audit, e => e.Action == AuditActions.Acknowledged && e.Detail.Contains("crew on the way"));
        Assert.Contains(audit, e => e.Action == AuditActions.Resolved && e.Detail.Contains("blade checked"));
    }

    [Fact]
    public async Task An_operator_comments_on_an_incident_whose_timeline_and_severity_the_API_returns_and_a_viewer_is_refused()
    {
        var store = _app.Services.GetRequiredService<AlertStore>();
        await store.EnsureTableAsync();
        var incident = TestIncidents.New("Chicago", DateTimeOffset.UtcNow.AddMinutes(-3)) with { Severity = IncidentSeverity.Critical };
        Assert.True(await store.TryCreateAsync(incident));
        var path = $"/api/v1/incidents/{Uri.EscapeDataString(incident.Location)}/{Uri.EscapeDataString(incident.Id)}/comments";

        using var refused = await _viewer.PostAsJsonAsync(path, new IncidentActionRequest("mine"));
        using var empty = await _operator.PostAsJsonAsync(path, new IncidentActionRequest("  "));
        using var tooLong = await _operator.PostAsJsonAsync(path, new IncidentActionRequest(new string('x', 501)));
        using var missing = await _operator.PostAsJsonAsync("/api/v1/incidents/Chicago/nope/comments", new IncidentActionRequest("hello"));
        using var commented = await _operator.PostAsJsonAsync(path, new IncidentActionRequest("anemometer iced up"));
        var listed = Assert.Single(await GetAsync<List<IncidentView>>(_viewer, "/api/v1/incidents"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("comment is required", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 500 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
        var entry = Assert.Single(listed.Timeline);
        Assert.Equal(("Commented", TurbineConsoleWebApp.Operator, "anemometer iced up"), (entry.Kind, entry.By, entry.Text));
        Assert.Equal(("Critical", "Open"), (listed.Severity, listed.State));
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(audit, e => e.Action == AuditActions.Commented && e.Detail.Contains("anemometer iced up") && e.Detail.EndsWith("(API)"));
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_an_operator_deletes_or_redrives_them()
    {
        await PutRawAsync("not json at all", "{\"also\":\"not a reading\"}");
        await Eventually.WaitUntilAsync(async () => (await GetAsync<List<DeadLetterView>>(_viewer, "/api/v1/dead-letters?consumer=AnomalyDetection")).Count == 2,
            "both records were dead-lettered by AnomalyDetection");
        var letters = await GetAsync<List<DeadLetterView>>(_viewer, "/api/v1/dead-letters?consumer=AnomalyDetection");
        Assert.Contains(letters, l => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(l.DataBase64)) == "not json at all");
        var keys = letters.Select(l => new { l.Consumer, l.StreamName, l.ShardId, l.SequenceNumber }).ToList();

        Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.PostAsJsonAsync("/api/v1/dead-letters/delete", new { letters = keys })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.PostAsJsonAsync("/api/v1/dead-letters/delete", new { letters = Array.Empty<object>() })).StatusCode);
        using var redriven = await _operator.PostAsJsonAsync("/api/v1/dead-letters/redrive", new { letters = keys.Take(1) });
        Assert.Equal(HttpStatusCode.OK, redriven.StatusCode);
        Assert.Equal(1, (await redriven.Content.ReadFromJsonAsync<RedriveView>(s_json))!.RecordsPut);
        using var deleted = await _operator.PostAsJsonAsync("/api/v1/dead-letters/delete", new { letters = keys.Skip(1) });
        Assert.Equal(1, await deleted.Content.ReadFromJsonAsync<int>());
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(audit, e => e.Action == AuditActions.Redriven && e.UserName == TurbineConsoleWebApp.Operator);
        Assert.Contains(audit, e => e.Action == AuditActions.DeadLettersDeleted && e.UserName == TurbineConsoleWebApp.Operator);
    }

    [Fact]
    public async Task A_recorded_CSV_is_imported_whole_or_refused_naming_its_bad_lines_and_an_operator_replays_it()
    {
        var good = "time,turbine,site,speed\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"2025-06-01T12:00:{i:D2}Z,LAB-0{1 + (i % 2)},Lab,{20 + i}"));
        var bad = good.Replace(",Lab,27", ",Lab,fast");

        using var refused = await _operator.PostAsync("/api/v1/replays", Upload(bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Nothing was imported: 1 line cannot be read.", problem.GetProperty("detail").GetString());
        Assert.Equal(["Line 9: speed 'fast' is not a number."], problem.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
        Assert.Empty(await GetAsync<List<ReplayView>>(_viewer, "/api/v1/replays"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _viewer.PostAsync("/api/v1/replays", Upload(good))).StatusCode);

        using var imported = await _operator.PostAsync("/api/v1/replays", Upload(good));
        var recording = (await imported.Content.ReadFromJsonAsync<ReplayView>(s_json))!;
        Assert.Equal(30, recording.Readings);
        Assert.Equal(["Lab"], recording.Locations);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.PostAsJsonAsync($"/api/v1/replays/{recording.Id}/start", new { pace = "Faster", speedup = 0.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.PostAsJsonAsync($"/api/v1/replays/{recording.Id}/start", new { pace = "Sideways" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PostAsync("/api/v1/replays/nope/pause", null)).StatusCode);
        using var started = await _operator.PostAsJsonAsync($"/api/v1/replays/{recording.Id}/start", new { pace = "Backfill", shiftToNow = true });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await Eventually.WaitUntilAsync(async () => (await GetAsync<List<ReplayView>>(_viewer, "/api/v1/replays")).Single().Replay is { Status: "Completed", Sent: 30, Percent: 100 },
            "the backfill completed");
        await Eventually.WaitUntilAsync(async () => (await GetAsync<ResultPage<ScoredReading>>(_viewer, "/api/v1/results?location=Lab")).Items.Count == 30, "the replayed readings are stored");
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Contains(audit, e => e.Action == AuditActions.RecordingImported && e.UserName == TurbineConsoleWebApp.Operator);
        Assert.Contains(audit, e => e.Action == AuditActions.Replay && e.Detail.StartsWith("started"));
    }

    private static MultipartFormDataContent Upload(string csv) =>
        new() { { new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), "file", "recorded.csv" } };

    [Fact]
    public async Task An_administrator_changes_a_streams_shard_count_an_operator_may_not_and_bad_targets_name_the_range()
    {
        await _app.CreateUserAsync("ada", AccessRoles.Administrator);
        using var admin = Client(await _app.CreateApiTokenAsync("ada"));
        const string path = "/api/v1/streams/WindDataStream/shard-count";

        using var refused = await _operator.PostAsJsonAsync(path, new ShardCountRequest(4));
        using var tooMany = await admin.PostAsJsonAsync(path, new ShardCountRequest(5));
        using var none = await admin.PostAsJsonAsync(path, new { });
        using var missing = await admin.PostAsJsonAsync("/api/v1/streams/NoSuchStream/shard-count", new ShardCountRequest(2));
        Assert.Equal(2, (await GetAsync<List<ShardView>>(_viewer, "/api/v1/streams/WindDataStream/shards")).Count);
        using var changed = await admin.PostAsJsonAsync(path, new ShardCountRequest(4));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("allowed: 1 to 4", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("targetShardCount is required", await none.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(new ShardCountView("WindDataStream", 2, 4), await changed.Content.ReadFromJsonAsync<ShardCountView>(s_json));
        var shards = await GetAsync<List<ShardView>>(_viewer, "/api/v1/streams/WindDataStream/shards");
        Assert.Equal((6, 4), (shards.Count, shards.Count(s => s.Open)));
        Assert.All(shards.Where(s => s.Open), s => Assert.NotNull(s.ParentShardId));
        var audit = (await _app.Services.GetRequiredService<AuditLog>().PageAsync(0, 50)).Entries;
        Assert.Single(audit, e => e.Action == AuditActions.ShardCountChanged && e.UserName == "ada" && e.Detail == "WindDataStream: 2 to 4 open shards (API)");
    }

    [Fact]
    public async Task The_OpenAPI_document_is_valid_describes_every_endpoint_and_the_browsable_page_serves_it()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        await using var stream = await anonymous.GetStreamAsync(ApiServiceCollectionExtensions.DocumentPath);

        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
        Assert.Equal(
            [
                "/api/v1/datasets", "/api/v1/datasets/{dataset}", "/api/v1/datasets/{dataset}/start", "/api/v1/datasets/{dataset}/stop",
                "/api/v1/dead-letters", "/api/v1/dead-letters/delete", "/api/v1/dead-letters/redrive",
                "/api/v1/incidents", "/api/v1/incidents/{location}/{id}/acknowledge", "/api/v1/incidents/{location}/{id}/comments", "/api/v1/incidents/{location}/{id}/resolve",
                "/api/v1/max-speed", "/api/v1/replays", "/api/v1/replays/{id}/pause", "/api/v1/replays/{id}/resume", "/api/v1/replays/{id}/start",
                "/api/v1/replays/{id}/stop", "/api/v1/results", "/api/v1/streams/{stream}/shard-count", "/api/v1/streams/{stream}/shards",
            ],
            document.Paths!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);
        var docs = await anonymous.GetStringAsync("/" + ApiServiceCollectionExtensions.DocsPath + "/index.html");
        Assert.Contains("swagger-ui", docs);
    }

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(s_json))!;
    }

    private static Pipeline.Records.WindReading Reading(string location, int i, DateTimeOffset at) => new(location, "DEN-01", 20 + i, at, i, "api");

    private async Task PutAsync(IEnumerable<Pipeline.Records.WindReading> readings) =>
        await PutRawEntriesAsync(readings.Select(r => new PutRecordsEntry(r.Location, Pipeline.Records.WindReadingCodec.Encode(r))).ToList());

    private Task PutRawAsync(params string[] payloads) =>
        PutRawEntriesAsync(payloads.Select(p => new PutRecordsEntry("raw", System.Text.Encoding.UTF8.GetBytes(p))).ToList());

    private async Task PutRawEntriesAsync(List<PutRecordsEntry> entries)
    {
        var backend = _app.Services.GetRequiredService<PipelineBackend>();
        var options = _app.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        Assert.Equal(0, (await new StreamPublisher(backend.Streams).PutAllAsync(options.Streams.WindData, entries)).FailedCount);
    }

    public async Task DisposeAsync()
    {
        _viewer.Dispose();
        _operator.Dispose();
        await _app.DisposeAsync();
    }
}
