using System.Collections.Immutable;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Simulator.Web.Components.Alerts;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Alerts;

public sealed class AlertListTests : WebTestContext
{
    [Fact]
    public void Without_alerts_it_says_what_raises_one()
    {
        var cut = Render<AlertList>();

        cut.WaitForAssertion(() => Assert.Contains("scores 3 or more at 55 mph or more", cut.Find("#alerts-empty").TextContent));
    }

    [Fact]
    public void Without_alerts_it_says_the_configured_threshold_and_no_speed_when_every_anomaly_alerts()
    {
        AlertOptions.Threshold = 5;
        AlertOptions.MinSpeedMph = 0;

        var cut = Render<AlertList>();

        cut.WaitForAssertion(() => Assert.Contains("An alert opens when a reading scores 5 or more;", cut.Find("#alerts-empty").TextContent));
    }

    [Fact]
    public void Without_alerts_under_the_grade_criterion_it_names_the_grade_not_a_score()
    {
        AlertOptions.Criterion = AlertCriterion.Grade;

        var cut = Render<AlertList>();

        cut.WaitForAssertion(() => Assert.Contains("when the detector grades a reading above 0 at 55 mph or more", cut.Find("#alerts-empty").TextContent));
        Assert.DoesNotContain("scores", cut.Find("#alerts-empty").TextContent);
    }

    [Fact]
    public async Task Acknowledging_in_the_list_stores_who_did_it_and_stops_the_notifications_not_yet_delivered()
    {
        var incident = await CreateIncidentAsync("Chicago", emailState: DeliveryState.Retrying);
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        cut.Find("#alert-user").Input("Dana");
        // Awaited: the handler writes the store asynchronously, after Click() would have returned.
        await cut.Find("#alerts button.acknowledge").ClickAsync(new MouseEventArgs());

        var stored = await AlertStore.GetAsync(incident.Location, incident.Id);
        Assert.Equal(IncidentState.Acknowledged, stored!.State);
        Assert.Equal("Dana", stored.AcknowledgedBy);
        Assert.Equal(DeliveryState.Cancelled, stored.Deliveries["email"].State);
        cut.WaitForAssertion(() => Assert.Contains("acknowledged by Dana", cut.Find("#alerts tbody tr").TextContent));

        // The dispatcher, asked again, sends nothing more for it.
        var email = new CountingChannel("email");
        var dispatcher = new AlertDispatcher(AlertStore, [email], AlertOptions, NullLogger.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var running = dispatcher.RunAsync(stop.Token);
        dispatcher.Notify(stored);
        await Task.Delay(500);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, email.Sent);
    }

    [Fact]
    public async Task Acknowledging_without_a_name_is_refused_with_a_message()
    {
        var incident = await CreateIncidentAsync("Tulsa");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        cut.Find("#alerts button.acknowledge").Click();

        Assert.Contains("Enter your name first", cut.Find("#alert-error").TextContent);
        Assert.Equal(IncidentState.Open, (await AlertStore.GetAsync(incident.Location, incident.Id))!.State);
    }

    [Fact]
    public async Task Resolving_marks_the_incident_resolved_by_the_user()
    {
        var incident = await CreateIncidentAsync("Denver");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        cut.Find("#alert-user").Input("Sam");
        await cut.Find("#alerts button.resolve").ClickAsync(new MouseEventArgs());

        var stored = await AlertStore.GetAsync(incident.Location, incident.Id);
        Assert.Equal(IncidentState.Resolved, stored!.State);
        Assert.Equal("Sam", stored.ResolvedBy);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#alerts button.resolve")));
    }

    [Fact]
    public async Task A_new_incident_appears_live_with_its_failing_channel_marked()
    {
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => cut.Find("#alerts-empty"));

        await CreateIncidentAsync("Amarillo", emailState: DeliveryState.Retrying);

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("#alerts tbody tr");
            Assert.Contains("Amarillo", row.TextContent);
            Assert.Contains("email: Retrying", row.TextContent);
        }, TimeSpan.FromSeconds(5));
    }

    private async Task<Incident> CreateIncidentAsync(string location, DeliveryState emailState = DeliveryState.Pending)
    {
        var incident = TestIncidents.New(location, DateTimeOffset.UtcNow, speedMph: 92, score: 5.5) with
        {
            Deliveries = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ChannelDelivery>
            {
                ["email"] = new(emailState, emailState == DeliveryState.Retrying ? 2 : 0, emailState == DeliveryState.Retrying ? "Connection refused" : null),
                ["inapp"] = new(DeliveryState.Sent, 1),
            }),
        };
        Assert.True(await AlertStore.TryCreateAsync(incident));
        return incident;
    }

    private sealed class CountingChannel(string name) : IAlertChannel
    {
        private int _sent;

        public string Name => name;

        public int Sent => _sent;

        public Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            return Task.CompletedTask;
        }
    }
}
