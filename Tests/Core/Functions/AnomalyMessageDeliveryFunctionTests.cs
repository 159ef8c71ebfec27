using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Functions;

public sealed class AnomalyMessageDeliveryFunctionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-alerts-" + Guid.NewGuid().ToString("N"));
    private readonly AlertOptions _options = new() { IncidentGap = TimeSpan.FromMinutes(1), QuietPeriod = TimeSpan.FromMinutes(10) };
    private PipelineBackend _backend = null!;
    private AlertStore _store = null!;
    private AnomalyMessageDeliveryFunction _function = null!;
    private SilenceStore _silences = null!;
    private long _sequence;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        _store = new AlertStore(_backend.Tables, _options.Table);
        await _store.EnsureTableAsync();
        var dispatcher = new AlertDispatcher(_store, [new InAppAlertChannel()], _options, NullLogger.Instance);
        _function = new AnomalyMessageDeliveryFunction(_store, dispatcher, _backend.DeadLetters, _options);
        _silences = new SilenceStore(_backend.Tables, _options.SilenceTable);
        await _silences.EnsureTableAsync();
    }

    [Theory]
    [InlineData(10.4, 3, true)]
    [InlineData(2.9, 3, false)]
    [InlineData(3.0, 3, true)]
    [InlineData(10.4, 11, false)]
    public void Scores_are_compared_with_the_threshold_as_numbers(double score, double threshold, bool alerts)
    {
        var result = Result(0, score);

        Assert.Equal(alerts, AnomalyMessageDeliveryFunction.IsAnomaly(result, new AlertOptions { Threshold = threshold }));
    }

    [Theory]
    [InlineData(40, 55, false)]
    [InlineData(55, 55, true)]
    [InlineData(40, 0, true)]
    public void An_anomaly_alerts_only_at_the_minimum_speed_or_above(double speed, double minSpeed, bool alerts)
    {
        var result = Result(0, 6.5, speed);

        Assert.Equal(alerts, AnomalyMessageDeliveryFunction.IsAnomaly(result, new AlertOptions { MinSpeedMph = minSpeed }));
    }

    [Fact]
    public async Task A_score_of_10_4_opens_an_incident_at_threshold_3_and_a_score_of_2_9_does_not()
    {
        await HandleAsync(Result(0, 2.9), Result(10, 10.4));

        var incident = Assert.Single(await _store.ListAsync());
        Assert.Equal(10.4, incident.Score);
        Assert.Equal(s_start.AddSeconds(10), incident.FirstSeen);
        Assert.Equal(DeliveryState.Pending, incident.Deliveries["inapp"].State);
    }

    [Fact]
    public async Task Anomalies_within_the_gap_form_one_incident_and_a_later_one_starts_another()
    {
        await HandleAsync(Result(0, 5, speed: 80), Result(30, 4, speed: 95), Result(50, 0.7), Result(200, 6));

        var incidents = (await _store.ListAsync()).OrderBy(i => i.FirstSeen).ToList();
        Assert.Equal(2, incidents.Count);
        Assert.Equal(s_start.AddSeconds(30), incidents[0].LastSeen);
        Assert.Equal(95, incidents[0].MaxSpeedMph);
        Assert.Equal(5, incidents[0].MaxScore);
        Assert.Equal(s_start.AddSeconds(200), incidents[1].FirstSeen);
    }

    [Fact]
    public async Task Handling_the_same_results_again_changes_nothing()
    {
        var results = new[] { Result(0, 5), Result(30, 4), Result(200, 6) };
        await HandleAsync(results);
        var before = await _store.ListAsync();

        await HandleAsync(results);
        await HandleAsync(results[1]);

        var after = await _store.ListAsync();
        // Same incidents, none written again (the version counts every write).
        Assert.Equal(before.Select(i => (i.Id, i.Version, i.LastSeen)), after.Select(i => (i.Id, i.Version, i.LastSeen)));
    }

    [Fact]
    public async Task A_quiet_period_without_anomalies_resolves_the_incident()
    {
        await HandleAsync(Result(0, 5), Result(300, 0.7), Result(700, 0.7));

        var incident = Assert.Single(await _store.ListAsync());
        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(AlertService.System, incident.ResolvedBy);
        Assert.Equal(DeliveryState.Cancelled, incident.Deliveries["inapp"].State);
    }

    [Fact]
    public async Task Grade_criterion_alerts_on_the_detectors_grade_instead_of_the_score()
    {
        _options.Criterion = AlertCriterion.Grade;

        await HandleAsync(Result(0, 5, grade: 0), Result(120, 1.5, grade: 0.4));

        var incident = Assert.Single(await _store.ListAsync());
        Assert.Equal(1.5, incident.Score);
    }

    [Fact]
    public async Task An_unreadable_result_is_dead_lettered_and_the_rest_processed()
    {
        var bad = new StreamRecord((++_sequence).ToString("D20"), "Chicago", "{\"location\":\"Chicago\""u8.ToArray(), s_start);

        var response = await _function.HandleAsync(new KinesisEvent([new KinesisEventRecord("s", "shard", bad), Record(Result(0, 9))]), CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Single(await _store.ListAsync());
        Assert.Contains("not valid JSON", Assert.Single(await _backend.DeadLetters.ListAsync(_function.Name)).Reason);
    }

    [Fact]
    public async Task An_incident_is_a_warning_until_a_reading_above_the_shutdown_speed_makes_it_critical_on_its_timeline()
    {
        await HandleAsync(Result(0, 5, speed: 60), Result(10, 5, speed: 70), Result(20, 4, speed: 70.1), Result(30, 6, speed: 90), Result(300, 6, speed: 95));

        var incidents = (await _store.ListAsync()).OrderBy(i => i.FirstSeen).ToList();
        Assert.Equal([IncidentSeverity.Critical, IncidentSeverity.Critical], incidents.Select(i => i.Severity));
        Assert.Equal([IncidentEventKind.Raised, IncidentEventKind.SeverityRaised], incidents[0].Timeline.Select(e => e.Kind));
        Assert.StartsWith("Warning: turbine CHI-01 at 60.0 mph", incidents[0].Timeline[0].Text);
        Assert.Contains("70.1 mph, above the shutdown speed of 70 mph", incidents[0].Timeline[1].Text);
        Assert.StartsWith("Critical: turbine CHI-01 at 95.0 mph", Assert.Single(incidents[1].Timeline).Text);
        Assert.StartsWith("[Critical] Wind anomaly at Chicago", new AlertMessage(incidents[1]).Subject);
    }

    [Fact]
    public async Task A_silenced_location_raises_incidents_that_are_recorded_as_silenced_and_notify_no_channel()
    {
        var clock = new ManualTimeProvider(s_start);
        var channel = new RecordingChannel("team");
        var dispatcher = new AlertDispatcher(_store, [channel], _options, NullLogger.Instance, clock);
        var function = new AnomalyMessageDeliveryFunction(_store, dispatcher, _backend.DeadLetters, _options, clock, _silences);
        var silence = await _silences.CreateAsync(new SilenceDraft { Location = "Chicago", EndsAt = s_start.AddHours(2), Reason = "blade inspection" }, "Ada", s_start);
        await _silences.CreateAsync(new SilenceDraft { Location = "Denver", Turbine = "DEN-02", EndsAt = s_start.AddHours(2), Reason = "DEN-02 only" }, "Ada", s_start);
        await using var loops = Background.Run(dispatcher.RunAsync);

        var response = await function.HandleAsync(new KinesisEvent([Record(Result(0, 6)), Record(Result(600, 6)), Record(Result(5, 6, location: "Denver", turbine: "DEN-01"))]), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => channel.Messages.Count == 1, "the Denver incident was notified");
        clock.Advance(TimeSpan.FromHours(2)); // the silence is over: a new incident notifies again
        await function.HandleAsync(new KinesisEvent([Record(Result(7200, 6))]), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => channel.Messages.Count == 2, "the Chicago incident after the silence was notified");

        Assert.Empty(response.BatchItemFailures);
        var chicago = (await _store.ListAsync()).Where(i => i.Location == "Chicago").OrderBy(i => i.FirstSeen).ToList();
        Assert.Equal(3, chicago.Count);
        Assert.All(chicago.Take(2), i =>
        {
            Assert.Equal(silence.Id, i.SilencedBy);
            Assert.Empty(i.Deliveries);
            var silenced = Assert.Single(i.Timeline, e => e.Kind == IncidentEventKind.Silenced);
            Assert.Contains("blade inspection", silenced.Text);
            Assert.Contains("no channel notified", silenced.Text);
        });
        Assert.Null(chicago[2].SilencedBy);
        Assert.Equal(["Denver", "Chicago"], channel.Messages.Select(m => m.Incident.Location));
        Assert.Equal(["team"], chicago[2].Deliveries.Keys);
    }

    private async Task HandleAsync(params AnomalyResult[] results)
    {
        var response = await _function.HandleAsync(new KinesisEvent(results.Select(Record).ToList()), CancellationToken.None);
        Assert.Empty(response.BatchItemFailures);
    }

    private KinesisEventRecord Record(AnomalyResult result) =>
        new("AnomalyDetectionStream", "shardId-000000000000", new StreamRecord((++_sequence).ToString("D20"), result.Reading.Location, AnomalyResultCodec.Encode(result), s_start));

    private static AnomalyResult Result(int second, double score, double speed = 75, double grade = 0, string location = "Chicago", string turbine = "CHI-01") =>
        new(new WindReading(location, turbine, speed, s_start.AddSeconds(second), second, "anomaly"), score, grade, null);

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
