using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TurbineConsole.Cli;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Cli;

/// <summary>The tool's API commands against the running app (real socket, embedded backend), with tokens from files.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiCommandsTests : IAsyncLifetime
{
    private TurbineConsoleWebApp _app = null!;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-cli-" + Guid.NewGuid().ToString("N"));
    private string _viewerToken = null!;
    private string _operatorToken = null!;

    public async Task InitializeAsync()
    {
        _app = new TurbineConsoleWebApp();
        await _app.CreateUserAsync("vera", AccessRoles.Viewer);
        await _app.CreateUserAsync(TurbineConsoleWebApp.Operator, AccessRoles.Operator);
        Directory.CreateDirectory(_directory);
        _viewerToken = Path.Combine(_directory, "viewer.token");
        _operatorToken = Path.Combine(_directory, "operator.token");
        await File.WriteAllTextAsync(_viewerToken, await _app.CreateApiTokenAsync("vera") + "\n");
        await File.WriteAllTextAsync(_operatorToken, await _app.CreateApiTokenAsync(TurbineConsoleWebApp.Operator));
    }

    [Fact]
    public async Task An_operator_starts_a_dataset_from_the_command_line_and_a_viewer_is_refused()
    {
        var list = await RunAsync(_viewerToken, "datasets", "list");
        Assert.Equal(ExitCodes.Success, list.ExitCode);
        Assert.Equal(["dataset,status,stream,readings_per_s,stop_after,sent,failed,error", "normal,,,,,,,", "anomaly,,,,,,,", "diy,,,,,,,"], Lines(list.Output));

        var refused = await RunAsync(_viewerToken, "datasets", "start", "anomaly", "--rate", "100", "--stop-after", "20");
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.StartsWith("start: Not allowed", refused.Error);

        var started = await RunAsync(_operatorToken, "datasets", "start", "anomaly", "--rate", "100", "--stop-after", "20", "--locations", "1", "--turbines", "2");
        Assert.Equal(ExitCodes.Success, started.ExitCode);
        Assert.Matches("^anomaly,(Running|Completed),WindDataStream,100,20,", Lines(started.Output)[1]);
        await Eventually.WaitUntilAsync(async () => Lines((await RunAsync(_viewerToken, "datasets", "list")).Output)[2].StartsWith("anomaly,Completed,WindDataStream,100,20,20,0,"),
            "the run sent its 20 readings");

        var bad = await RunAsync(_operatorToken, "datasets", "start", "anomaly", "--rate", "0");
        Assert.Equal(ExitCodes.Failed, bad.ExitCode);
        Assert.Contains("0.1 to", bad.Error);
    }

    [Fact]
    public async Task An_administrator_reshards_a_stream_from_the_command_line_an_operator_is_refused_and_the_shards_are_listed()
    {
        await _app.CreateUserAsync("ada", AccessRoles.Administrator);
        var adminToken = Path.Combine(_directory, "admin.token");
        await File.WriteAllTextAsync(adminToken, await _app.CreateApiTokenAsync("ada"));

        var refused = await RunAsync(_operatorToken, "streams", "reshard", "WindDataStream", "--shards", "4");
        var tooMany = await RunAsync(adminToken, "streams", "reshard", "WindDataStream", "--shards", "9");
        var resharded = await RunAsync(adminToken, "streams", "reshard", "WindDataStream", "--shards", "4");
        var shards = await RunAsync(_viewerToken, "streams", "shards", "WindDataStream");

        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.StartsWith("reshard: Not allowed", refused.Error);
        Assert.Equal(ExitCodes.Failed, tooMany.ExitCode);
        Assert.Contains("allowed: 1 to 4", tooMany.Error);
        Assert.Equal(ExitCodes.Success, resharded.ExitCode);
        Assert.Equal(["stream,shards_before,shards_now", "WindDataStream,2,4"], Lines(resharded.Output));
        var rows = Lines(shards.Output);
        Assert.Equal("shard,open,parent,adjacent_parent,starting_hash_key,ending_hash_key", rows[0]);
        Assert.Equal(6, rows.Length - 1);
        Assert.Equal(4, rows.Skip(1).Count(r => r.Split(',')[1] == "true" && r.Split(',')[2].StartsWith("shardId-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_dataset_starts_with_scripted_faults_from_the_command_line_and_a_fault_the_app_refuses_is_named()
    {
        var started = await RunAsync(_operatorToken, "datasets", "start", "normal", "--rate", "100", "--stop-after", "20", "--locations", "1", "--json",
            "--fault", "kind=gust,location=Chicago,start=5,duration=30,gust=35", "--fault", "kind=stuck,location=Chicago,turbine=CHI-02,start=0,duration=60",
            "--daily-amplitude", "4");

        Assert.Equal(ExitCodes.Success, started.ExitCode);
        using var answer = System.Text.Json.JsonDocument.Parse(started.Output);
        var run = answer.RootElement.GetProperty("run");
        Assert.Equal(4, run.GetProperty("dailyAmplitudeMph").GetDouble());
        Assert.Equal(["gust", "stuck"], run.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(35, run.GetProperty("faults")[0].GetProperty("gustMph").GetDouble());
        await Eventually.WaitUntilAsync(() => _app.Services.GetRequiredService<Pipeline.Simulation.WindSimulator>().RunOf(Pipeline.Simulation.WindDataset.Normal)!.GroundTruth.Count == 5,
            "the run reports the gust front's four turbines and the stuck sensor");

        var refused = await RunAsync(_operatorToken, "datasets", "start", "normal", "--fault", "kind=drift,location=Chicago,turbine=CHI-09,start=0,duration=60");
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("Fault 1 (drifting sensor): Turbine must be one of Chicago's turbines (CHI-01, CHI-02, CHI-03, CHI-04); \"CHI-09\" is not.", refused.Error);

        var unreadable = await RunAsync(_operatorToken, "datasets", "start", "normal", "--fault", "kind=gust,location=Chicago,start=soon");
        Assert.Equal(ExitCodes.Usage, unreadable.ExitCode);
        Assert.Contains("--fault 1: start must be a number; 'soon' is not.", unreadable.Error);
    }

    [Fact]
    public async Task Results_of_a_location_with_a_comma_in_its_name_come_as_quoted_CSV_up_to_the_limit()
    {
        var backend = _app.Services.GetRequiredService<PipelineBackend>();
        var options = _app.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(0, 12).Select(i => new WindReading("Paris, Texas", "PAR-01", 30 + i, now.AddSeconds(-20 + i), i, "cli")).ToList();
        Assert.Equal(0, (await new StreamPublisher(backend.Streams).PutAllAsync(options.Streams.WindData,
            readings.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList())).FailedCount);
        await Eventually.WaitUntilAsync(async () => Lines((await RunAsync(_viewerToken, "results", "Paris, Texas")).Output).Length == 13, "the 12 readings are stored");

        var run = await RunAsync(_viewerToken, "results", "Paris, Texas", "--limit", "5", "--newest-first");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = Lines(run.Output);
        Assert.Equal("time,location,turbine,speed_mph,score,grade,expected_mph", lines[0]);
        Assert.Equal(5, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",\"Paris, Texas\",PAR-01,", l));
        Assert.Equal(["41", "40", "39", "38", "37"], lines.Skip(1).Select(l => l.Split(',')[4]));
    }

    [Fact]
    public async Task An_operator_acknowledges_an_incident_with_a_comment()
    {
        var store = _app.Services.GetRequiredService<AlertStore>();
        await store.EnsureTableAsync();
        var incident = TestIncidents.New("Chicago", DateTimeOffset.UtcNow.AddMinutes(-2));
        Assert.True(await store.TryCreateAsync(incident));

        var ack = await RunAsync(_operatorToken, "incidents", "ack", "Chicago", incident.Id, "--comment", "on it");

        Assert.Equal(ExitCodes.Success, ack.ExitCode);
        Assert.StartsWith($"Chicago,{incident.Id},Warning,Acknowledged,CHI-01,", Lines(ack.Output)[1]);
        Assert.Equal("on it", (await store.GetAsync("Chicago", incident.Id))!.AcknowledgeComment);
        Assert.Contains("Acknowledged", (await RunAsync(_viewerToken, "incidents", "list", "--json")).Output);
    }

    [Fact]
    public async Task An_operator_comments_on_an_incident_and_a_viewer_is_refused()
    {
        var store = _app.Services.GetRequiredService<AlertStore>();
        await store.EnsureTableAsync();
        var incident = TestIncidents.New("Chicago", DateTimeOffset.UtcNow.AddMinutes(-2));
        Assert.True(await store.TryCreateAsync(incident));

        var refused = await RunAsync(_viewerToken, "incidents", "comment", "Chicago", incident.Id, "mine");
        var commented = await RunAsync(_operatorToken, "incidents", "comment", "Chicago", incident.Id, "yaw motor replaced");

        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("Not allowed", refused.Error);
        Assert.Equal(ExitCodes.Success, commented.ExitCode);
        Assert.StartsWith($"Chicago,{incident.Id},Warning,Open,CHI-01,", Lines(commented.Output)[1]);
        var entry = Assert.Single((await store.GetAsync("Chicago", incident.Id))!.Timeline);
        Assert.Equal((IncidentEventKind.Commented, "yaw motor replaced"), (entry.Kind, entry.Text));
    }

    [Fact]
    public async Task A_recorded_file_is_imported_refused_with_its_bad_lines_or_replayed_from_the_command_line()
    {
        var bad = Path.Combine(_directory, "bad.csv");
        var good = Path.Combine(_directory, "good.csv");
        var lines = Enumerable.Range(0, 12).Select(i => $"2025-06-01T12:00:{i:D2}Z,{20 + i}").ToList();
        await File.WriteAllTextAsync(good, "timestamp,value\n" + string.Join("\n", lines));
        lines[3] = "2025-06-01T12:00:03Z,n/a";
        await File.WriteAllTextAsync(bad, "timestamp,value\n" + string.Join("\n", lines));

        var refused = await RunAsync(_operatorToken, "replays", "import", bad, "--location", "Lab", "--turbine", "LAB-01");
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("Nothing was imported: 1 line cannot be read.", refused.Error);
        Assert.Contains("Line 5: value 'n/a' is not a number.", refused.Error);

        var imported = await RunAsync(_operatorToken, "replays", "import", good, "--location", "Lab", "--turbine", "LAB-01");
        Assert.Equal(ExitCodes.Success, imported.ExitCode);
        var id = Lines(imported.Output)[1].Split(',')[0];
        Assert.StartsWith($"{id},good.csv,12,", Lines(imported.Output)[1]);
        Assert.Equal(ExitCodes.Usage, (await RunAsync(_operatorToken, "replays", "start", id, "--pace", "Sideways")).ExitCode);
        Assert.Equal(ExitCodes.Success, (await RunAsync(_operatorToken, "replays", "start", id, "--pace", "Backfill")).ExitCode);
        await Eventually.WaitUntilAsync(async () => Lines((await RunAsync(_viewerToken, "replays", "list")).Output)[1].Contains(",Completed,Backfill,12,100,"),
            "the backfill completed");
    }

    [Fact]
    public async Task Without_a_usable_token_or_address_the_tool_says_what_to_set_and_fails()
    {
        var noFile = await RunAsync(Path.Combine(_directory, "missing.token"), "datasets", "list");
        Assert.Equal(ExitCodes.Failed, noFile.ExitCode);
        Assert.StartsWith("list: Cannot read the token file", noFile.Error);

        var wrongToken = Path.Combine(_directory, "wrong.token");
        await File.WriteAllTextAsync(wrongToken, "tc_never-made");
        Assert.StartsWith("list: The app refused the API token", (await RunAsync(wrongToken, "datasets", "list")).Error);

        var unreachable = await CliRun.InvokeAsync("datasets", "list", "--url", "http://127.0.0.1:9", "--token-file", _viewerToken);
        Assert.Equal(ExitCodes.Failed, unreachable.ExitCode);
        Assert.Contains("Cannot reach TurbineConsole at http://127.0.0.1:9/", unreachable.Error);

        var badLimit = await RunAsync(_viewerToken, "results", "Chicago", "--limit", "0");
        Assert.Equal(ExitCodes.Usage, badLimit.ExitCode);
        Assert.Contains("--limit must be 1 to 1000000", badLimit.Error);
    }

    private Task<CliRun> RunAsync(string tokenFile, params string[] args) => CliRun.InvokeAsync([.. args, "--url", _app.BaseUrl, "--token-file", tokenFile]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
