using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>
/// The dispatcher on the embedded backend (a SQLite file in a temporary folder) with the in-app channel and a webhook
/// to a real HTTP listener. The clock is a <see cref="ManualTimeProvider"/>: a retry is due only when the test moves it.
/// </summary>
public sealed class AlertDispatcherTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-dispatcher-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();
    private readonly AlertOptions _options = new()
    {
        RetryBackoff = TimeSpan.FromSeconds(10),
        MaxRetryBackoff = TimeSpan.FromSeconds(30),
        MaxDeliveryAttempts = 20,
    };
    private readonly HttpTestListener _webhook = new("/hooks/");
    private readonly HttpClient _http = new();
    private readonly InAppAlertChannel _inApp = new();
    private readonly ConcurrentQueue<AlertMessage> _inAppMessages = new();
    private PipelineBackend _backend = null!;
    private AlertStore _store = null!;
    private AlertService _service = null!;
    private IReadOnlyList<IAlertChannel> _channels = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        _store = new AlertStore(_backend.Tables, _options.Table);
        await _store.EnsureTableAsync();
        _service = new AlertService(_store, _options, _clock);
        _inApp.Alerted += _inAppMessages.Enqueue;
        Environment.SetEnvironmentVariable("TURBINECONSOLE_ALERT_DISPATCHER_TESTS_SECRET", "alert-dispatcher-tests-secret");
        _channels = [_inApp, new WebhookAlertChannel(_http, new WebhookChannelOptions { Enabled = true, Url = _webhook.Url, SecretEnvironmentVariable = "TURBINECONSOLE_ALERT_DISPATCHER_TESTS_SECRET" })];
    }

    [Fact]
    public async Task Each_channel_delivers_an_incident_once_and_neither_a_second_notice_nor_a_restart_sends_it_again()
    {
        var incident = await CreateAsync("Chicago");

        var dispatcher = NewDispatcher();
        await using (Background.Run(dispatcher.RunAsync))
        {
            dispatcher.Notify(incident);
            await Eventually.WaitUntilAsync(async () => !(await StoredAsync(incident)).HasOutstandingDeliveries, "both channels delivered");
            dispatcher.Notify(incident);
            await Task.Delay(300);
        }
        await using (Background.Run(NewDispatcher().RunAsync))
            await Task.Delay(300);

        var stored = await StoredAsync(incident);
        Assert.Single(_inAppMessages);
        Assert.Equal(incident.DeliveryKey, Assert.Single(_webhook.Requests).Headers["Idempotency-Key"]);
        Assert.All(stored.Deliveries.Values, d => Assert.Equal(new ChannelDelivery(DeliveryState.Sent, 1, null, _clock.GetUtcNow()), d));
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_growing_waits_and_shows_failing_while_the_others_deliver()
    {
        var answers = new ConcurrentQueue<int>([500, 500]);
        _webhook.Respond = _ => (answers.TryDequeue(out var status) ? status : 200, "");
        var incident = await CreateAsync("Chicago");
        var dispatcher = NewDispatcher();
        await using var loops = Background.Run(dispatcher.RunAsync);
        var start = _clock.GetUtcNow();

        dispatcher.Notify(incident);
        var first = await WaitForWebhookAsync(incident, d => d is { State: DeliveryState.Retrying, Attempts: 1 });
        var errorWhileFailing = dispatcher.ChannelErrors["webhook"];
        var versionBeforeDue = (await StoredAsync(incident)).Version;
        dispatcher.Notify(incident); // woken before the retry is due
        await Task.Delay(300);
        var requestsBeforeDue = _webhook.Requests.Count;
        var versionAfterEarlyWake = (await StoredAsync(incident)).Version;
        // The dispatcher waits for a retry on real timers, so after moving the clock the test wakes it.
        _clock.Advance(first.At!.Value - start);
        dispatcher.Notify(incident);
        var second = await WaitForWebhookAsync(incident, d => d is { State: DeliveryState.Retrying, Attempts: 2 });
        var secondFailedAt = _clock.GetUtcNow();
        _clock.Advance(second.At!.Value - secondFailedAt);
        dispatcher.Notify(incident);
        var third = await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sent);

        // The in-app channel delivered at once, while the webhook was failing.
        Assert.Single(_inAppMessages);
        Assert.Equal(DeliveryState.Sent, (await StoredAsync(incident)).Deliveries["inapp"].State);
        Assert.Null(dispatcher.ChannelErrors["inapp"]);
        Assert.Contains("answered 500", errorWhileFailing);
        Assert.Contains("answered 500", first.LastError);
        // Nothing is sent before the retry is due; the first wait is half to all of RetryBackoff, the second twice that.
        Assert.Equal(1, requestsBeforeDue);
        Assert.Equal(versionBeforeDue, versionAfterEarlyWake);
        Assert.InRange(first.At!.Value - start, _options.RetryBackoff / 2, _options.RetryBackoff);
        Assert.InRange(second.At!.Value - secondFailedAt, _options.RetryBackoff, _options.RetryBackoff * 2);
        Assert.Equal(3, third.Attempts);
        Assert.Equal(3, _webhook.Requests.Count);
        Assert.Null(dispatcher.ChannelErrors["webhook"]);
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_is_given_up_after_the_most_attempts()
    {
        _options.MaxDeliveryAttempts = 2;
        _webhook.Respond = _ => (503, "");
        var incident = await CreateAsync("Chicago");
        var dispatcher = NewDispatcher();
        await using var loops = Background.Run(dispatcher.RunAsync);

        dispatcher.Notify(incident);
        var first = await WaitForWebhookAsync(incident, d => d.Attempts == 1);
        _clock.Advance(_options.MaxRetryBackoff);
        dispatcher.Notify(incident);
        var last = await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Failed);
        _clock.Advance(_options.MaxRetryBackoff);
        dispatcher.Notify(incident);
        await Task.Delay(300);

        Assert.Equal(DeliveryState.Retrying, first.State);
        Assert.Equal(2, last.Attempts);
        Assert.Contains("answered 503", last.LastError);
        Assert.Equal(2, _webhook.Requests.Count);
    }

    [Fact]
    public async Task Acknowledging_an_incident_cancels_its_outstanding_deliveries()
    {
        _webhook.Respond = _ => (500, "");
        var incident = await CreateAsync("Chicago");
        var dispatcher = NewDispatcher();
        await using var loops = Background.Run(dispatcher.RunAsync);
        dispatcher.Notify(incident);
        await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Retrying);

        await _service.AcknowledgeAsync(incident.Location, incident.Id, "Dana (maintenance)");
        _webhook.Respond = _ => (200, "");
        _clock.Advance(_options.MaxRetryBackoff);
        dispatcher.Notify(incident);
        await Task.Delay(500);

        var stored = await StoredAsync(incident);
        Assert.Equal(IncidentState.Acknowledged, stored.State);
        Assert.Equal(DeliveryState.Cancelled, stored.Deliveries["webhook"].State);
        Assert.Equal(DeliveryState.Sent, stored.Deliveries["inapp"].State);
        Assert.Single(_webhook.Requests);
    }

    /// <summary>An open incident with a pending delivery for each channel, stored.</summary>
    [Fact]
    public async Task Each_attempt_is_measured_per_channel_deliveries_failures_and_durations()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentQueue<(string Instrument, string? Channel)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => measured.Enqueue((i.Name, Channel(tags))));
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => measured.Enqueue((i.Name, Channel(tags))));
        listener.Start();
        var answers = new ConcurrentQueue<int>([500]);
        _webhook.Respond = _ => (answers.TryDequeue(out var status) ? status : 200, "");
        var incident = await CreateAsync("Chicago");
        var dispatcher = new AlertDispatcher(_store, _channels, _options, NullLogger.Instance, _clock, new PipelineMetrics(meters));
        await using var loops = Background.Run(dispatcher.RunAsync);
        var start = _clock.GetUtcNow();

        dispatcher.Notify(incident);
        var first = await WaitForWebhookAsync(incident, d => d is { State: DeliveryState.Retrying, Attempts: 1 });
        _clock.Advance(first.At!.Value - start);
        dispatcher.Notify(incident);
        await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sent);

        int Count(string instrument, string channel) => measured.Count(m => m.Instrument == instrument && m.Channel == channel);
        Assert.Equal((1, 0, 1), (Count(PipelineMetrics.DeliveriesName, "inapp"), Count(PipelineMetrics.DeliveryFailuresName, "inapp"), Count(PipelineMetrics.DeliveryDurationName, "inapp")));
        Assert.Equal((1, 1, 2), (Count(PipelineMetrics.DeliveriesName, "webhook"), Count(PipelineMetrics.DeliveryFailuresName, "webhook"), Count(PipelineMetrics.DeliveryDurationName, "webhook")));

        static string? Channel(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == PipelineMetrics.ChannelTag)
                    return tag.Value as string;
            }
            return null;
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_alerts_table_woken_for_the_same_incidents_at_once_send_each_notification_once()
    {
        // As two workers of a cluster: each runs a dispatcher, and both are woken for the same incidents.
        var channel = new SlowChannel("webhook", ct => Task.Delay(50, ct));
        var incidents = new List<Incident>();
        for (var i = 0; i < 10; i++)
            incidents.Add(await CreateAsync($"Site {i}", channel));
        var first = new AlertDispatcher(_store, [channel], _options, NullLogger.Instance, _clock);
        var second = new AlertDispatcher(_store, [channel], _options, NullLogger.Instance, _clock);
        await using var loops = Background.Run(first.RunAsync);
        loops.Start(second.RunAsync);

        foreach (var incident in incidents)
        {
            first.Notify(incident);
            second.Notify(incident);
        }
        await Eventually.WaitUntilAsync(async () => (await _store.ListAsync(100)).All(i => !i.HasOutstandingDeliveries), "every notification recorded");
        await Task.Delay(300);

        Assert.All(incidents, incident => Assert.Single(channel.Messages, m => m.Incident.Id == incident.Id && m.Incident.Location == incident.Location));
        Assert.All(await _store.ListAsync(100), i => Assert.Equal(new ChannelDelivery(DeliveryState.Sent, 1, null, _clock.GetUtcNow()), i.Deliveries["webhook"]));
    }

    [Fact]
    public async Task A_claim_left_by_a_dispatcher_that_stopped_mid_send_holds_until_it_lapses_and_then_a_running_dispatcher_sends_once()
    {
        var options = new AlertOptions { DeliveryClaim = TimeSpan.FromSeconds(1) };
        var stuck = new SlowChannel("webhook", ct => Task.Delay(Timeout.Infinite, ct));
        var working = new SlowChannel("webhook", _ => Task.CompletedTask);
        // The survivor runs from the start, so it learns of the incident only by looking for lapsed claims.
        var survivor = new AlertDispatcher(_store, [working], options, NullLogger.Instance, _clock);
        await using var survivorLoop = Background.Run(survivor.RunAsync);
        var incident = await CreateAsync("Chicago", working);
        var claimedAt = _clock.GetUtcNow();

        var stopped = new AlertDispatcher(_store, [stuck], options, NullLogger.Instance, _clock);
        await using (Background.Run(stopped.RunAsync))
        {
            stopped.Notify(incident);
            await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sending);
        }
        var claim = (await StoredAsync(incident)).Deliveries["webhook"];
        await Task.Delay(2_500); // more than two rounds of the survivor's look for lapsed claims, with the clock standing
        var sentWhileClaimed = working.Messages.Count;
        _clock.Advance(options.DeliveryClaim);
        var sent = await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sent);
        await Task.Delay(300);

        Assert.Single(stuck.Messages);
        Assert.Equal(new ChannelDelivery(DeliveryState.Sending, 0, null, claimedAt + options.DeliveryClaim), claim);
        Assert.Equal(0, sentWhileClaimed);
        Assert.Single(working.Messages);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task A_notification_acknowledged_while_being_sent_is_recorded_as_sent_and_not_sent_again()
    {
        var release = new TaskCompletionSource();
        var channel = new SlowChannel("webhook", _ => release.Task);
        var incident = await CreateAsync("Chicago", channel);
        var dispatcher = new AlertDispatcher(_store, [channel], _options, NullLogger.Instance, _clock);
        await using var loops = Background.Run(dispatcher.RunAsync);

        dispatcher.Notify(incident);
        await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sending);
        await _service.AcknowledgeAsync(incident.Location, incident.Id, "operator");
        var whileSending = (await StoredAsync(incident)).Deliveries["webhook"];
        release.SetResult();
        var recorded = await WaitForWebhookAsync(incident, d => d.State == DeliveryState.Sent);
        dispatcher.Notify(incident);
        await Task.Delay(300);

        Assert.Equal(DeliveryState.Cancelled, whileSending.State);
        Assert.Equal(1, recorded.Attempts);
        Assert.Single(channel.Messages);
    }

    private async Task<Incident> CreateAsync(string location, params IAlertChannel[] channels)
    {
        var incident = TestIncidents.New(location, _clock.GetUtcNow().AddMinutes(-1)) with
        {
            Deliveries = (channels.Length == 0 ? _channels : channels).ToImmutableSortedDictionary(c => c.Name, _ => new ChannelDelivery(DeliveryState.Pending), StringComparer.Ordinal),
        };
        Assert.True(await _store.TryCreateAsync(incident));
        return incident;
    }

    private async Task<Incident> StoredAsync(Incident incident) => (await _store.GetAsync(incident.Location, incident.Id))!;

    /// <summary>Waits until the stored webhook delivery satisfies <paramref name="condition"/>, and returns it.</summary>
    private async Task<ChannelDelivery> WaitForWebhookAsync(Incident incident, Func<ChannelDelivery, bool> condition)
    {
        ChannelDelivery? delivery = null;
        await Eventually.WaitUntilAsync(async () => condition(delivery = (await StoredAsync(incident)).Deliveries["webhook"]), "the webhook delivery changed");
        return delivery!;
    }

    private AlertDispatcher NewDispatcher() => new(_store, _channels, _options, NullLogger.Instance, _clock);

    /// <summary>A channel that keeps every message it is asked to deliver, then takes as long as <paramref name="wait"/> to deliver it.</summary>
    private sealed class SlowChannel(string name, Func<CancellationToken, Task> wait) : IAlertChannel
    {
        public string Name => name;

        public ConcurrentQueue<AlertMessage> Messages { get; } = new();

        public Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            return wait(cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        _webhook.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
