using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>
/// Escalation and re-notification on the embedded backend, on a <see cref="ManualTimeProvider"/>: nothing is due until
/// the test moves the clock and asks the escalators to look. Each "process" has its own store, service, dispatcher and
/// escalator over the same tables, as two workers or a restarted one would.
/// </summary>
public sealed class AlertEscalatorTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-escalator-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();
    private readonly AlertOptions _options = new()
    {
        Policy = new AlertPolicyOptions { EscalateAfter = TimeSpan.FromMinutes(10), EscalateTo = ["pager"], EscalationOnlyChannels = ["pager"] },
    };
    private readonly RecordingChannel _team = new("team");
    private readonly RecordingChannel _pager = new("pager");
    private readonly List<BackgroundLoops> _loops = [];
    private PipelineBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        await new AlertStore(_backend.Tables, _options.Table).EnsureTableAsync();
        await new AlertPolicyStore(_backend.Tables, _options.PolicyTable, _options.Policy.Default).EnsureTableAsync();
    }

    [Fact]
    public async Task An_unacknowledged_incident_escalates_after_the_set_time_exactly_once_with_two_escalators_and_a_restart()
    {
        var a = Process();
        var b = Process();
        var incident = await RaiseAsync(a, "Chicago");
        await Eventually.WaitUntilAsync(() => _team.Messages.Count == 1, "the team was notified");

        _clock.Advance(TimeSpan.FromMinutes(9));
        var early = await Task.WhenAll(a.Escalator.CheckAsync(), b.Escalator.CheckAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));
        var due = await Task.WhenAll(a.Escalator.CheckAsync(), b.Escalator.CheckAsync());
        await Eventually.WaitUntilAsync(async () => !(await StoredAsync(a, incident)).HasOutstandingDeliveries, "the escalation was delivered");
        _clock.Advance(TimeSpan.FromMinutes(30));
        var later = await Task.WhenAll(a.Escalator.CheckAsync(), b.Escalator.CheckAsync());
        var restarted = Process(); // a third process, as after a restart: its dispatcher picks up what is outstanding
        var afterRestart = await restarted.Escalator.CheckAsync();
        await Eventually.WaitUntilAsync(async () => !(await StoredAsync(restarted, incident)).HasOutstandingDeliveries, "nothing is outstanding");

        Assert.All(early, r => Assert.Equal((0, 0), r));
        Assert.Equal(1, due.Sum(r => r.Escalated));
        Assert.All(later, r => Assert.Equal((0, 0), r));
        Assert.Equal((0, 0), afterRestart);
        var escalation = Assert.Single(_pager.Messages);
        Assert.Equal(AlertNotice.Escalation, escalation.Notice);
        Assert.StartsWith("ESCALATED [Warning] Wind anomaly at Chicago", escalation.Subject);
        Assert.NotEqual(incident.DeliveryKey, escalation.DeliveryKey);
        Assert.Single(_team.Messages); // escalation-only: the pager got no first notification, the team no escalation
        var stored = await StoredAsync(restarted, incident);
        Assert.Equal(incident.RaisedAt + TimeSpan.FromMinutes(10), stored.EscalatedAt);
        Assert.Equal(new ChannelDelivery(DeliveryState.Sent, 1, null, stored.EscalatedAt), stored.Deliveries["pager@escalation"]);
        var escalated = Assert.Single(stored.Timeline, e => e.Kind == IncidentEventKind.Escalated);
        Assert.Contains("not acknowledged within 10 min; escalated to pager", escalated.Text);
        Assert.Contains(stored.Timeline, e => e is { Kind: IncidentEventKind.Notified, Text: "pager (escalation)" });
    }

    [Fact]
    public async Task A_location_policy_overrides_the_default_and_an_acknowledged_incident_is_not_escalated()
    {
        var a = Process();
        await a.Policies.SaveAsync(AlertPolicy.Parse("Denver", 2, ["pager"], null, ["team", "pager"], "Ada", _clock.GetUtcNow()));
        var denver = await RaiseAsync(a, "Denver");
        var chicago = await RaiseAsync(a, "Chicago");
        var acknowledged = await RaiseAsync(a, "Boston");
        await a.Service.AcknowledgeAsync(acknowledged.Location, acknowledged.Id, "Dana");

        _clock.Advance(TimeSpan.FromMinutes(2));
        var atTwo = await a.Escalator.CheckAsync();
        await Eventually.WaitUntilAsync(() => _pager.Messages.Count == 1, "the first escalation was delivered");
        _clock.Advance(TimeSpan.FromMinutes(8));
        var atTen = await a.Escalator.CheckAsync();
        await Eventually.WaitUntilAsync(() => _pager.Messages.Count == 2, "both escalations were delivered");

        Assert.Equal((1, 0), atTwo);
        Assert.Equal((1, 0), atTen);
        Assert.Equal(["Denver", "Chicago"], _pager.Messages.Select(m => m.Incident.Location));
        Assert.Null((await StoredAsync(a, acknowledged)).EscalatedAt);
        Assert.NotNull((await StoredAsync(a, denver)).EscalatedAt);
        Assert.NotNull((await StoredAsync(a, chicago)).EscalatedAt);
    }

    [Fact]
    public async Task Reminders_go_every_set_minutes_while_open_and_stop_at_acknowledgement()
    {
        _options.Policy = new AlertPolicyOptions { RenotifyEvery = TimeSpan.FromMinutes(5) };
        var a = Process();
        var incident = await RaiseAsync(a, "Chicago");
        await Eventually.WaitUntilAsync(() => _team.Messages.Count == 1, "the team was notified");

        _clock.Advance(TimeSpan.FromMinutes(4));
        var beforeDue = await a.Escalator.CheckAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var first = await a.Escalator.CheckAsync();
        await Eventually.WaitUntilAsync(() => _team.Messages.Count == 2, "the first reminder was delivered");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await a.Escalator.CheckAsync();
        await Eventually.WaitUntilAsync(() => _team.Messages.Count == 3, "the second reminder was delivered");
        await a.Service.AcknowledgeAsync(incident.Location, incident.Id, "Dana", "on it");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var afterAck = await a.Escalator.CheckAsync();
        _clock.Advance(TimeSpan.FromMinutes(50));
        var muchLater = await a.Escalator.CheckAsync();

        Assert.Equal((0, 0), beforeDue);
        Assert.Equal((0, 1), first);
        Assert.Equal((0, 1), second);
        Assert.Equal((0, 0), afterAck);
        Assert.Equal((0, 0), muchLater);
        Assert.Equal([AlertNotice.Raised, AlertNotice.Reminder, AlertNotice.Reminder], _team.Messages.Select(m => m.Notice));
        Assert.Equal(["Reminder 1: ", "Reminder 2: "], _team.Messages.Skip(1).Select(m => m.Subject[..12]));
        Assert.Equal(3, _team.Messages.Select(m => m.DeliveryKey).Distinct().Count());
        var stored = await StoredAsync(a, incident);
        Assert.Equal(2, stored.Reminders);
        Assert.Equal(2, stored.Timeline.Count(e => e.Kind == IncidentEventKind.Renotified));
        Assert.Equal(IncidentEventKind.Acknowledged, stored.Timeline[^1].Kind);
        Assert.Equal("on it", stored.Timeline[^1].Text);
    }

    [Fact]
    public async Task A_silenced_incident_is_neither_escalated_nor_renotified()
    {
        _options.Policy = new AlertPolicyOptions { EscalateAfter = TimeSpan.FromMinutes(1), EscalateTo = ["pager"], RenotifyEvery = TimeSpan.FromMinutes(1) };
        var a = Process();
        var incident = TestIncidents.New("Chicago", _clock.GetUtcNow()) with { RaisedAt = _clock.GetUtcNow(), SilencedBy = "2026-11-30T11:00:00.000Z#abc" };
        Assert.True(await a.Store.TryCreateAsync(incident));

        _clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal((0, 0), await a.Escalator.CheckAsync());
        Assert.Empty((await StoredAsync(a, incident)).Deliveries);
    }

    /// <summary>One process's alerting over the shared tables, its dispatcher running.</summary>
    private Node Process()
    {
        var store = new AlertStore(_backend.Tables, _options.Table);
        var service = new AlertService(store, _options, _clock);
        var policies = new AlertPolicyStore(_backend.Tables, _options.PolicyTable, _options.Policy.Default);
        var dispatcher = new AlertDispatcher(store, [_team, _pager], _options, NullLogger.Instance, _clock);
        _loops.Add(Background.Run(dispatcher.RunAsync));
        return new Node(store, service, policies, new AlertEscalator(service, policies, dispatcher, _options.Policy, NullLogger.Instance, _clock), dispatcher);
    }

    /// <summary>An open incident raised now at <paramref name="location"/> with a pending notification to the team, handed to the dispatcher.</summary>
    private async Task<Incident> RaiseAsync(Node process, string location)
    {
        var now = _clock.GetUtcNow();
        var incident = TestIncidents.New(location, now) with
        {
            RaisedAt = now,
            Deliveries = ImmutableSortedDictionary.Create<string, ChannelDelivery>(StringComparer.Ordinal).Add("team", new ChannelDelivery(DeliveryState.Pending)),
        };
        Assert.True(await process.Store.TryCreateAsync(incident));
        process.Dispatcher.Notify(incident);
        return incident;
    }

    private static async Task<Incident> StoredAsync(Node process, Incident incident) =>
        (await process.Store.GetAsync(incident.Location, incident.Id))!;

    /// <summary>One process's alerting.</summary>
    private sealed record Node(AlertStore Store, AlertService Service, AlertPolicyStore Policies, AlertEscalator Escalator, AlertDispatcher Dispatcher);

    public async Task DisposeAsync()
    {
        foreach (var loops in _loops)
            await loops.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
