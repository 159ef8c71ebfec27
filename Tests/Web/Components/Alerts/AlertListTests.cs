using System.Collections.Immutable;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Simulator.Web.Access;
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
    public async Task Acknowledging_in_the_list_stores_the_signed_in_user_and_the_comment_and_stops_the_notifications_not_yet_delivered()
    {
        var incident = await CreateIncidentAsync("Chicago", emailState: DeliveryState.Retrying);
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        Assert.Empty(cut.FindAll("#alert-user"));
        cut.Find("#alert-comment").Input("crew on the way");
        // Awaited: the handler writes the store asynchronously, after Click() would have returned.
        await cut.Find("#alerts button.acknowledge").ClickAsync(new MouseEventArgs());

        var stored = await AlertStore.GetAsync(incident.Location, incident.Id);
        Assert.Equal(IncidentState.Acknowledged, stored!.State);
        Assert.Equal("Dana", stored.AcknowledgedBy);
        Assert.Equal("crew on the way", stored.AcknowledgeComment);
        Assert.Equal(DeliveryState.Cancelled, stored.Deliveries["email"].State);
        cut.WaitForAssertion(() => Assert.Contains("acknowledged by Dana", cut.Find("#alerts tbody tr").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("crew on the way", cut.Find("#alerts tbody tr").TextContent));
        var audit = (await AuditEntriesAsync()).First();
        Assert.Equal((AuditActions.Acknowledged, "Dana"), (audit.Action, audit.UserName));
        Assert.Contains("Chicago", audit.Detail);

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
    public async Task A_viewers_click_on_Acknowledge_is_refused_by_the_server_with_a_message_and_changes_nothing()
    {
        SignInAs("Vic", AccessRoles.Viewer);
        var incident = await CreateIncidentAsync("Tulsa");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));
        Assert.Equal("true", cut.Find("#alerts button.acknowledge").GetAttribute("aria-disabled"));

        await cut.Find("#alerts button.acknowledge").ClickAsync(new MouseEventArgs());

        Assert.Contains("you need the Operator role, which Vic does not have", cut.Find("#alert-error").TextContent);
        Assert.Equal(IncidentState.Open, (await AlertStore.GetAsync(incident.Location, incident.Id))!.State);
        var audit = (await AuditEntriesAsync()).First();
        Assert.Equal((AuditActions.Refused, "Vic", "acknowledge an alert"), (audit.Action, audit.UserName, audit.Detail));
    }

    [Fact]
    public async Task An_operator_whose_role_is_taken_while_the_list_is_open_is_refused_at_the_click()
    {
        var incident = await CreateIncidentAsync("Tulsa");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));
        Assert.Equal("false", cut.Find("#alerts button.resolve").GetAttribute("aria-disabled"));

        SignInAs("Dana", AccessRoles.Viewer);
        await cut.Find("#alerts button.resolve").ClickAsync(new MouseEventArgs());

        Assert.Contains("Refused: to resolve an alert you need the Operator role", cut.Find("#alert-error").TextContent);
        Assert.Equal(IncidentState.Open, (await AlertStore.GetAsync(incident.Location, incident.Id))!.State);
    }

    [Fact]
    public async Task A_comment_with_a_line_break_is_refused_with_a_message()
    {
        var incident = await CreateIncidentAsync("Tulsa");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        cut.Find("#alert-comment").Input("line one\r\nX-Forged: 1");
        await cut.Find("#alerts button.acknowledge").ClickAsync(new MouseEventArgs());

        Assert.Contains("A comment is one line", cut.Find("#alert-error").TextContent);
        Assert.Equal(IncidentState.Open, (await AlertStore.GetAsync(incident.Location, incident.Id))!.State);
    }

    [Fact]
    public async Task Resolving_marks_the_incident_resolved_by_the_signed_in_user()
    {
        SignInAs("Sam", AccessRoles.Administrator);
        var incident = await CreateIncidentAsync("Denver");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        await cut.Find("#alerts button.resolve").ClickAsync(new MouseEventArgs());

        var stored = await AlertStore.GetAsync(incident.Location, incident.Id);
        Assert.Equal(IncidentState.Resolved, stored!.State);
        Assert.Equal("Sam", stored.ResolvedBy);
        Assert.Null(stored.ResolveComment);
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

    [Fact]
    public async Task Each_alert_shows_its_severity_a_silenced_one_says_so_and_its_timeline_opens_encoded()
    {
        var critical = await CreateIncidentAsync("Chicago");
        await AlertStore.UpdateAsync(critical.Location, critical.Id, c => (c with { Severity = IncidentSeverity.Critical })
            .With(new IncidentEvent(DateTimeOffset.UtcNow, IncidentEventKind.SeverityRaised, AlertService.System, "critical: 92 mph")));
        var silenced = TestIncidents.New("Denver", DateTimeOffset.UtcNow.AddMinutes(-1)) with { SilencedBy = "s1" };
        silenced = silenced.With(new IncidentEvent(DateTimeOffset.UtcNow, IncidentEventKind.Silenced, AlertService.System, "by silence s1 (Denver until 18:00: <b>gearbox</b>)"));
        Assert.True(await AlertStore.TryCreateAsync(silenced));

        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#alerts tbody tr").Count));
        cut.Find($"tr[data-incident='Denver/{silenced.Id}'] button.show-timeline").Click();

        Assert.Equal("Critical", cut.Find($"tr[data-incident='Chicago/{critical.Id}'] .severity").TextContent.Trim());
        Assert.Equal("Warning", cut.Find($"tr[data-incident='Denver/{silenced.Id}'] .severity").TextContent.Trim());
        Assert.Contains("none: silenced", cut.Find($"tr[data-incident='Denver/{silenced.Id}']").TextContent);
        Assert.Single(cut.FindAll($"tr[data-incident='Denver/{silenced.Id}'] .silenced"));
        Assert.Empty(cut.FindAll($"tr[data-incident='Chicago/{critical.Id}'] .silenced"));
        var timeline = cut.Find($"tr[data-timeline='Denver/{silenced.Id}']");
        Assert.Contains("Silenced", timeline.TextContent);
        Assert.Contains("<b>gearbox</b>", timeline.TextContent); // shown as text, not markup
        Assert.Single(timeline.QuerySelectorAll("b")); // the event label only: the text made no element
        Assert.Contains("<b>gearbox</b>", cut.Find($"tr[data-incident='Denver/{silenced.Id}'] .silenced").GetAttribute("title"));
    }

    [Fact]
    public async Task An_operators_comment_goes_on_the_timeline_and_the_audit_log_and_a_viewers_is_refused()
    {
        var incident = await CreateIncidentAsync("Chicago");
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#alerts tbody tr")));

        cut.Find("#alert-comment").Input("turbine CHI-01 yawed out of the wind");
        await cut.Find("#alerts button.comment").ClickAsync(new MouseEventArgs());
        SignInAs("Vera", AccessRoles.Viewer);
        var viewerCut = Render<AlertList>();
        viewerCut.WaitForAssertion(() => Assert.Single(viewerCut.FindAll("#alerts tbody tr")));
        viewerCut.Find("#alert-comment").Input("mine");
        await viewerCut.Find("#alerts button.comment").ClickAsync(new MouseEventArgs());

        var stored = (await AlertStore.GetAsync(incident.Location, incident.Id))!;
        var comment = Assert.Single(stored.Timeline);
        Assert.Equal((IncidentEventKind.Commented, "Dana", "turbine CHI-01 yawed out of the wind"), (comment.Kind, comment.By, comment.Text));
        Assert.Equal(IncidentState.Open, stored.State);
        viewerCut.WaitForAssertion(() => Assert.Contains("you need the Operator role", viewerCut.Find("#alert-error").TextContent));
        var audit = await AuditEntriesAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.Commented && e.UserName == "Dana" && e.Detail.Contains("yawed"));
        Assert.Contains(audit, e => e.Action == AuditActions.Refused && e.UserName == "Vera");
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
