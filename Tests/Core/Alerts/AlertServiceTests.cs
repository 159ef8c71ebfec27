using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>Comments and the timeline of acknowledgement and resolution, stored with the incident on the embedded backend.</summary>
public sealed class AlertServiceTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-alert-service-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();
    private readonly AlertOptions _options = new();
    private PipelineBackend _backend = null!;
    private AlertStore _store = null!;
    private AlertService _service = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        _store = new AlertStore(_backend.Tables, _options.Table);
        await _store.EnsureTableAsync();
        _service = new AlertService(_store, _options, _clock);
    }

    [Fact]
    public async Task Comments_acknowledgement_and_resolution_are_kept_in_order_on_the_timeline_and_survive_reopening()
    {
        var incident = await CreateAsync();

        await _service.CommentAsync(incident.Location, incident.Id, "Dana", "  checking the anemometer  ");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _service.AcknowledgeAsync(incident.Location, incident.Id, "Dana", "crew on the way");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _service.CommentAsync(incident.Location, incident.Id, "Lee", "<b>blade</b> & hub fine");
        await _service.ResolveAsync(incident.Location, incident.Id, "Lee");
        await _backend.DisposeAsync();
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        var stored = (await new AlertStore(_backend.Tables, _options.Table).GetAsync(incident.Location, incident.Id))!;

        Assert.Equal(
            [
                new IncidentEvent(incident.FirstSeen, IncidentEventKind.Commented, "Dana", "checking the anemometer"),
                new IncidentEvent(incident.FirstSeen.AddMinutes(1), IncidentEventKind.Acknowledged, "Dana", "crew on the way"),
                new IncidentEvent(incident.FirstSeen.AddMinutes(2), IncidentEventKind.Commented, "Lee", "<b>blade</b> & hub fine"),
                new IncidentEvent(incident.FirstSeen.AddMinutes(2), IncidentEventKind.Resolved, "Lee", null),
            ],
            stored.Timeline);
        Assert.Equal(IncidentState.Resolved, stored.State);
    }

    [Theory]
    [InlineData(null, "comment is required")]
    [InlineData("   ", "comment is required")]
    [InlineData("two\nlines", "one line")]
    public async Task A_missing_or_multi_line_comment_is_refused_naming_it_and_nothing_is_stored(string? comment, string message)
    {
        var incident = await CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _service.CommentAsync(incident.Location, incident.Id, "Dana", comment));

        Assert.Contains(message, error.Message);
        Assert.Equal(1, (await _store.GetAsync(incident.Location, incident.Id))!.Version);
    }

    [Fact]
    public async Task A_comment_over_500_characters_and_one_past_the_most_comments_are_refused_with_the_limits()
    {
        var incident = await CreateAsync();
        for (var i = 0; i < AlertService.MaxComments; i++)
            await _service.CommentAsync(incident.Location, incident.Id, "Dana", $"note {i}");

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => _service.CommentAsync(incident.Location, incident.Id, "Dana", new string('x', 501)));
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => _service.CommentAsync(incident.Location, incident.Id, "Dana", "one more"));

        Assert.Contains("at most 500 characters; this one has 501", tooLong.Message);
        Assert.Contains($"at most {AlertService.MaxComments} comments", tooMany.Message);
        Assert.Equal(AlertService.MaxComments, (await _store.GetAsync(incident.Location, incident.Id))!.CommentCount);
    }

    [Fact]
    public void A_timeline_keeps_its_first_event_and_the_newest_and_counts_what_it_dropped()
    {
        var incident = TestIncidents.New("Chicago", _clock.GetUtcNow());
        for (var i = 0; i < Incident.MaxTimelineEvents + 5; i++)
            incident = incident.With(new IncidentEvent(_clock.GetUtcNow(), i == 0 ? IncidentEventKind.Raised : IncidentEventKind.Renotified, null, $"event {i}"));

        Assert.Equal(Incident.MaxTimelineEvents, incident.Timeline.Count);
        Assert.Equal(5, incident.TimelineDropped);
        Assert.Equal("event 0", incident.Timeline[0].Text);
        Assert.Equal("event 6", incident.Timeline[1].Text);
        Assert.Equal($"event {Incident.MaxTimelineEvents + 4}", incident.Timeline[^1].Text);
    }

    private async Task<Incident> CreateAsync()
    {
        var incident = TestIncidents.New("Chicago", _clock.GetUtcNow());
        Assert.True(await _store.TryCreateAsync(incident));
        return incident;
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
