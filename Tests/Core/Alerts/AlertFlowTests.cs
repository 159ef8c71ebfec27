using System.Text;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Core.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>In the AWS collection: the SNS channel signs with the fake credentials that collection puts in the environment.</summary>
[Collection(TurbineConsole.Tests.Aws.AwsCollection.Name)]
public class AlertFlowTests
{
    [Fact]
    public async Task Every_injected_incident_is_notified_exactly_once_per_channel_across_reruns_and_a_restart()
    {
        await using var fixture = new AlertFixture();
        var dataset = PipelineFixture.AnomalyDataset(1200);
        var locations = dataset.Select(r => r.Reading.Location).Distinct().ToList();
        await fixture.StartAsync();
        await fixture.Flow.PutReadingsAsync(dataset.Select(r => r.Reading));
        await fixture.WaitUntilAsync(async () => fixture.Alerts!.Mapping.Delivered >= dataset.Count && await fixture.DeliveriesSettledAsync(), "the first run notified everything");
        var firstRun = await fixture.Alerts!.Store.ListAsync(int.MaxValue);

        // A restart, then the function run again over every result ever produced.
        await fixture.CrashAsync();
        await fixture.StartAsync();
        await RunFunctionOverWholeStreamAsync(fixture);
        await Task.Delay(500);
        await fixture.WaitUntilAsync(fixture.DeliveriesSettledAsync, "the reruns settled");
        var incidents = await fixture.Alerts!.Store.ListAsync(int.MaxValue);

        Assert.Equal(firstRun.Select(i => (i.Location, i.Id)).Order(), incidents.Select(i => (i.Location, i.Id)).Order());
        var keys = incidents.Select(i => i.DeliveryKey).Order().ToList();
        var retried = incidents.Where(i => i.Deliveries.Values.Any(d => d.Attempts > 1))
            .Select(i => $"{i.Location}/{i.Id}: " + string.Join(", ", i.Deliveries.Select(d => $"{d.Key} x{d.Value.Attempts}")));
        Assert.True(keys.SequenceEqual(fixture.Webhook.Requests.Select(r => r.Headers["Idempotency-Key"]!).Order()),
            $"Webhook requests differ from the incidents. Retried deliveries: [{string.Join("; ", retried)}]. Log: {string.Join(" | ", fixture.Flow.Logs.Lines)}");
        Assert.All(fixture.Webhook.Requests, r => Assert.True(
            WebhookSignature.Verify(AlertFixture.WebhookSecret, r.Headers[WebhookSignature.Header], Encoding.UTF8.GetBytes(r.Body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            "A webhook POST is not signed with the secret."));
        Assert.Equal(incidents.Count, fixture.Smtp.Received.Count);
        Assert.Equal(incidents.Count, fixture.Smtp.Received.Select(m => m.Message.MessageId).Distinct().Count());
        var published = fixture.Sns.Requests.Select(r => r.Form).ToList();
        Assert.Equal(incidents.Count, published.Count);
        Assert.All(published, form => Assert.Equal("Publish", form["Action"]));
        Assert.Equal(incidents.Select(i => $"Incident {i.Location}/{i.Id}").Order(),
            published.Select(form => form["Message"]!.Split('\n').Last().Trim()).Order());
        Assert.All(incidents, i => Assert.All(i.Deliveries.Values, d => Assert.Equal(DeliveryState.Sent, d.State)));

        // Each injected event lies in exactly one incident of its location.
        var injected = dataset.Where(r => r.Event == SevereEventKind.Spike).ToList();
        injected.AddRange(dataset.Where(r => r.Event == SevereEventKind.SustainedHighWind).GroupBy(r => r.Reading.Location).Select(g => g.First()));
        Assert.NotEmpty(injected);
        foreach (var e in injected)
            Assert.Single(incidents, i => i.Location == e.Reading.Location && i.FirstSeen <= e.Reading.Timestamp && e.Reading.Timestamp <= i.LastSeen);

        // The message says where, which turbine, how fast, and what to do.
        var (email, _) = fixture.Smtp.Received.First();
        Assert.Contains(locations, l => email.Subject!.Contains(l));
        Assert.Contains("mph", email.TextBody!);
        Assert.Contains("Start shutdown procedures above 70 mph", email.TextBody!);
        Assert.Contains(fixture.Webhook.Requests, r => r.Json.GetProperty("score").GetDouble() >= 3);
    }

    [Fact]
    public async Task Through_the_whole_flow_a_silenced_location_notifies_no_channel_and_an_unacknowledged_incident_escalates_once_by_email()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = new AlertFixture(clock);
        fixture.Email.EscalationTo = ["supervisor@example.com"];
        fixture.Options.Policy = new AlertPolicyOptions { EscalateAfter = TimeSpan.FromMinutes(10), EscalateTo = [AlertPolicyOptions.EscalationEmailChannel] };
        var dataset = PipelineFixture.AnomalyDataset(600, locations: 2, turbines: 3);
        var locations = dataset.Select(r => r.Reading.Location).Distinct().Order(StringComparer.Ordinal).ToList();
        await fixture.StartAsync();
        var silence = await fixture.Alerts!.Silences.CreateAsync(
            new SilenceDraft { Location = locations[0], EndsAt = clock.GetUtcNow().AddHours(1), Reason = "blade inspection" }, "Ada", clock.GetUtcNow());
        await fixture.Flow.PutReadingsAsync(dataset.Select(r => r.Reading));
        await fixture.WaitUntilAsync(async () => fixture.Alerts.Mapping.Delivered >= dataset.Count && await fixture.DeliveriesSettledAsync(), "the results were handled");
        var before = await fixture.Alerts.Store.ListAsync(int.MaxValue);
        var emailsBefore = fixture.Smtp.Received.Count;

        clock.Advance(TimeSpan.FromMinutes(11));
        var (escalated, _) = await fixture.Alerts.Escalator.CheckAsync();
        var again = await fixture.Alerts.Escalator.CheckAsync();
        await fixture.WaitUntilAsync(fixture.DeliveriesSettledAsync, "the escalations were delivered");
        var after = await fixture.Alerts.Store.ListAsync(int.MaxValue);

        var silenced = before.Where(i => i.Location == locations[0]).ToList();
        var notified = before.Where(i => i.Location == locations[1]).ToList();
        Assert.NotEmpty(silenced);
        Assert.NotEmpty(notified);
        Assert.All(silenced, i => Assert.Equal((silence.Id, 0), (i.SilencedBy, i.Deliveries.Count)));
        Assert.All(notified, i => Assert.Null(i.SilencedBy));
        Assert.Equal(notified.Count(i => i.Deliveries["email"].State == DeliveryState.Sent), emailsBefore);
        Assert.DoesNotContain(fixture.Smtp.Received, m => m.Message.Subject!.Contains(locations[0]));
        Assert.DoesNotContain(fixture.Webhook.Requests, r => r.Json.GetProperty("location").GetString() == locations[0]);
        Assert.DoesNotContain(fixture.Sns.Requests, r => r.Form["Subject"]!.Contains(locations[0]));
        var open = notified.Where(i => i.State == IncidentState.Open).ToList();
        Assert.NotEmpty(open);
        Assert.Equal((open.Count, 0), (escalated, again.Escalated));
        var escalations = fixture.Smtp.Received.Select(m => m.Message).Where(m => m.To.Mailboxes.Any(a => a.Address == "supervisor@example.com")).ToList();
        Assert.Equal(open.Count, escalations.Count);
        Assert.All(escalations, m => Assert.StartsWith("ESCALATED", m.Subject));
        Assert.All(after.Where(i => i.Location == locations[0]), i => Assert.Null(i.EscalatedAt));
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_webhook_still_delivers_and_the_email_goes_once_when_it_returns()
    {
        await using var fixture = new AlertFixture();
        await fixture.Smtp.StopAsync();
        var dataset = PipelineFixture.AnomalyDataset(400, locations: 1, turbines: 3);
        Assert.Contains(dataset, r => r.Event == SevereEventKind.Spike);
        await fixture.StartAsync();
        await fixture.Flow.PutReadingsAsync(dataset.Select(r => r.Reading));

        await fixture.WaitUntilAsync(async () => fixture.Alerts!.Mapping.Delivered >= dataset.Count
            && (await fixture.Alerts.Store.ListAsync(int.MaxValue)).All(i => i.Deliveries["webhook"].State == DeliveryState.Sent && i.Deliveries["email"].State == DeliveryState.Retrying),
            "the webhook delivered while email retried");
        var incidents = await fixture.Alerts!.Store.ListAsync(int.MaxValue);
        Assert.NotEmpty(incidents);
        Assert.Equal(incidents.Count, fixture.Webhook.Requests.Count);
        Assert.Empty(fixture.Smtp.Received);
        Assert.NotNull(fixture.Alerts.Dispatcher.ChannelErrors["email"]);
        Assert.All(incidents, i => Assert.NotNull(i.Deliveries["email"].LastError));

        fixture.Smtp.Start();
        await fixture.WaitUntilAsync(fixture.DeliveriesSettledAsync, "email was delivered after the server came back");
        await Task.Delay(1000);

        Assert.All(fixture.Webhook.Requests, r => Assert.True(
            WebhookSignature.Verify(AlertFixture.WebhookSecret, r.Headers[WebhookSignature.Header], Encoding.UTF8.GetBytes(r.Body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            "A webhook POST is not signed with the secret."));
        Assert.Equal(incidents.Count, fixture.Smtp.Received.Count);
        Assert.Equal(incidents.Count, fixture.Webhook.Requests.Count);
        Assert.Null(fixture.Alerts.Dispatcher.ChannelErrors["email"]);
    }

    [Fact]
    public async Task Acknowledging_an_incident_stops_its_notifications_that_were_not_yet_delivered()
    {
        await using var fixture = new AlertFixture();
        await fixture.Smtp.StopAsync();
        var dataset = PipelineFixture.AnomalyDataset(400, locations: 1, turbines: 3);
        await fixture.StartAsync();
        await fixture.Flow.PutReadingsAsync(dataset.Select(r => r.Reading));
        await fixture.WaitUntilAsync(async () => fixture.Alerts!.Mapping.Delivered >= dataset.Count
            && (await fixture.Alerts.Store.ListAsync(int.MaxValue)).All(i => i.Deliveries["email"].State == DeliveryState.Retrying), "email is retrying");

        foreach (var incident in await fixture.Alerts!.Store.ListAsync(int.MaxValue))
            await fixture.Alerts.Service.AcknowledgeAsync(incident.Location, incident.Id, "Dana (maintenance)");
        fixture.Smtp.Start();
        await Task.Delay(1500);

        Assert.Empty(fixture.Smtp.Received);
        var acknowledged = await fixture.Alerts.Store.ListAsync(int.MaxValue);
        Assert.All(acknowledged, i =>
        {
            Assert.Equal(IncidentState.Acknowledged, i.State);
            Assert.Equal("Dana (maintenance)", i.AcknowledgedBy);
            Assert.Equal(DeliveryState.Cancelled, i.Deliveries["email"].State);
            Assert.Equal(DeliveryState.Sent, i.Deliveries["webhook"].State);
        });
    }

    private static async Task RunFunctionOverWholeStreamAsync(AlertFixture fixture)
    {
        var streams = fixture.Flow.Backend!.Streams;
        var stream = fixture.Flow.Options.Streams.AnomalyDetection;
        var function = fixture.Alerts!.Function;
        foreach (var shard in await streams.ListShardsAsync(stream))
        {
            var iterator = await streams.GetShardIteratorAsync(stream, shard.ShardId, StartingPosition.TrimHorizon);
            while (true)
            {
                var page = await streams.GetRecordsAsync(iterator, 1000);
                if (page.Records.Count == 0)
                    break;
                var response = await function.HandleAsync(new KinesisEvent(page.Records.Select(r => new KinesisEventRecord(stream, shard.ShardId, r)).ToList()), CancellationToken.None);
                Assert.Empty(response.BatchItemFailures);
                iterator = page.NextShardIterator!;
            }
        }
    }
}
