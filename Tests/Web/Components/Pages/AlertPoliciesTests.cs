using Bunit;
using Microsoft.AspNetCore.Components.Web;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Components.Pages;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Pages;

/// <summary>The Alert policies page: silences and per-location policies, set by an administrator only, checked and audited.</summary>
public sealed class AlertPoliciesTests : WebTestContext
{
    [Fact]
    public async Task An_administrator_creates_a_silence_that_is_stored_listed_as_active_and_audited_then_ends_it()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#silences-empty"));

        cut.Find("#silence-location").Input("Chicago");
        cut.Find("#silence-turbine").Input("CHI-07");
        cut.Find("#silence-ends").Input("+2h");
        cut.Find("#silence-reason").Input("gearbox swap");
        await cut.Find("#create-silence").ClickAsync(new MouseEventArgs());

        var silence = Assert.Single(await Silences.ListAsync(DateTimeOffset.UtcNow));
        Assert.Equal(("Chicago", "CHI-07", "gearbox swap", "Ada"), (silence.Location, silence.Turbine, silence.Reason, silence.CreatedBy));
        Assert.InRange(silence.EndsAt - silence.StartsAt, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(2));
        cut.WaitForAssertion(() => Assert.Equal("active", cut.Find($"tr[data-silence='{silence.Id}'] .silence-state").TextContent.Trim()));
        Assert.Contains("Silence created", cut.Find("#silence-done").TextContent);

        await cut.Find($"tr[data-silence='{silence.Id}'] button.end-silence").ClickAsync(new MouseEventArgs());

        var ended = (await Silences.GetAsync(silence.Location, silence.Id))!;
        Assert.Equal("Ada", ended.EndedBy);
        Assert.True(ended.EndsAt <= DateTimeOffset.UtcNow);
        cut.WaitForAssertion(() => Assert.Equal("ended", cut.Find($"tr[data-silence='{silence.Id}'] .silence-state").TextContent.Trim()));
        var audit = await AuditEntriesAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.SilenceCreated && e.UserName == "Ada" && e.Detail.Contains("Chicago / CHI-07") && e.Detail.Contains("gearbox swap"));
        Assert.Contains(audit, e => e.Action == AuditActions.SilenceEnded && e.UserName == "Ada");
    }

    [Theory]
    [InlineData(AccessRoles.Operator)]
    [InlineData(AccessRoles.Viewer)]
    public async Task An_operator_or_a_viewer_is_refused_by_the_server_creating_a_silence_or_setting_a_policy(string role)
    {
        SignInAs("Lee", role);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#silences-empty"));

        Assert.Contains("needs-role", cut.Find("#create-silence").ClassName);
        cut.Find("#silence-location").Input("Chicago");
        cut.Find("#silence-ends").Input("+2h");
        cut.Find("#silence-reason").Input("mine");
        await cut.Find("#create-silence").ClickAsync(new MouseEventArgs());
        cut.Find("#policy-location").Input("Chicago");
        cut.Find("#policy-renotify-every").Input("5");
        await cut.Find("#save-policy").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Refused: to create a silence you need the Administrator role", cut.Find("#silence-error").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("Refused: to set an alert policy you need the Administrator role", cut.Find("#policy-error").TextContent));
        Assert.Empty(await Silences.ListAsync(DateTimeOffset.UtcNow));
        Assert.Empty(await Policies.ListAsync());
        Assert.Equal(2, (await AuditEntriesAsync()).Count(e => e.Action == AuditActions.Refused && e.UserName == "Lee"));
    }

    [Theory]
    [InlineData(AccessRoles.Operator)]
    [InlineData(AccessRoles.Viewer)]
    public async Task An_operator_or_a_viewer_is_refused_by_the_server_ending_a_silence_or_removing_a_policy(string role)
    {
        var now = DateTimeOffset.UtcNow;
        var silence = await Silences.CreateAsync(new SilenceDraft { Location = "Chicago", EndsAt = now.AddHours(2), Reason = "gearbox swap" }, "Ada", now);
        await Policies.SaveAsync(AlertPolicy.Parse("Chicago", null, [], 5, ["inapp"], "Ada", now));
        SignInAs("Lee", role);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find($"tr[data-silence='{silence.Id}'] button.end-silence"));
        cut.WaitForAssertion(() => cut.Find("tr[data-policy='Chicago'] button.remove-policy"));

        Assert.Contains("needs-role", cut.Find($"tr[data-silence='{silence.Id}'] button.end-silence").ClassName);
        await cut.Find($"tr[data-silence='{silence.Id}'] button.end-silence").ClickAsync(new MouseEventArgs());
        await cut.Find("tr[data-policy='Chicago'] button.remove-policy").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Refused: to end a silence you need the Administrator role", cut.Find("#silence-error").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("Refused: to remove an alert policy you need the Administrator role", cut.Find("#policy-error").TextContent));
        var kept = (await Silences.GetAsync(silence.Location, silence.Id))!;
        Assert.Null(kept.EndedBy);
        Assert.True(kept.EndsAt > DateTimeOffset.UtcNow.AddHours(1), "the silence still runs to its planned end");
        Assert.Single(await Policies.ListAsync());
        Assert.Equal(2, (await AuditEntriesAsync()).Count(e => e.Action == AuditActions.Refused && e.UserName == "Lee"));
    }

    [Fact]
    public async Task An_administrator_whose_role_is_taken_while_the_page_is_open_is_refused_at_the_click()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#policies-empty"));
        Assert.DoesNotContain("needs-role", cut.Find("#save-policy").ClassName);

        SignInAs("Ada", AccessRoles.Operator);
        cut.Find("#policy-location").Input("Chicago");
        cut.Find("#policy-renotify-every").Input("5");
        await cut.Find("#save-policy").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Refused: to set an alert policy you need the Administrator role", cut.Find("#policy-error").TextContent));
        Assert.Empty(await Policies.ListAsync());
    }

    [Fact]
    public async Task Bad_silence_fields_are_refused_with_messages_naming_each_field_shown_as_text()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#silences-empty"));

        cut.Find("#silence-location").Input("<script>x</script>");
        cut.Find("#silence-starts").Input("yesterday");
        cut.Find("#silence-ends").Input("+2 weeks");
        await cut.Find("#create-silence").ClickAsync(new MouseEventArgs());

        var error = cut.Find("#silence-error").TextContent;
        Assert.Contains("Start must be a UTC time such as", error);
        Assert.Contains("\"yesterday\" is not", error);
        Assert.Contains("End as a duration is + then a whole number and m, h or d", error);
        Assert.Contains("Location contains '<'", error);
        Assert.Contains("Reason must be 1 to 200 characters", error);
        Assert.Empty(cut.FindAll("script")); // the typed markup is shown as text, never made an element
        Assert.Empty(await Silences.ListAsync(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task An_administrator_sets_a_location_policy_that_is_stored_listed_and_audited_and_can_return_to_the_default()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#policies-empty"));
        Assert.Contains("no escalation; no re-notification", cut.Find("#default-policy").TextContent);

        cut.Find("#policy-location").Input("Chicago");
        cut.Find("#policy-escalate-after").Input("15");
        cut.Find(".policy-escalate-to[data-channel='inapp'] input").Change(true);
        cut.Find("#policy-renotify-every").Input("5");
        await cut.Find("#save-policy").ClickAsync(new MouseEventArgs());

        var policy = Assert.Single(await Policies.ListAsync());
        Assert.Equal(("Chicago", TimeSpan.FromMinutes(15), "inapp", TimeSpan.FromMinutes(5), "Ada"),
            (policy.Location, policy.EscalateAfter!.Value, string.Join(",", policy.EscalateTo), policy.RenotifyEvery!.Value, policy.UpdatedBy));
        cut.WaitForAssertion(() => Assert.Equal("escalate after 15 min to inapp; re-notify every 5 min", cut.Find("tr[data-policy='Chicago'] .policy-description").TextContent.Trim()));
        Assert.Contains(await AuditEntriesAsync(), e => e.Action == AuditActions.PolicySet && e.Detail == "Chicago: escalate after 15 min to inapp; re-notify every 5 min");

        await cut.Find("tr[data-policy='Chicago'] button.remove-policy").ClickAsync(new MouseEventArgs());

        Assert.Empty(await Policies.ListAsync());
        cut.WaitForAssertion(() => cut.Find("#policies-empty"));
        Assert.Contains(await AuditEntriesAsync(), e => e.Action == AuditActions.PolicyRemoved && e.Detail == "Chicago");
    }

    [Theory]
    [InlineData("abc", "", "Escalate after (minutes; empty for off) must be a whole number from 1 to 1,440")]
    [InlineData("0", "", "Escalate after (minutes; empty for off) must be 1 to 1,440")]
    [InlineData("", "99999", "Re-notify every (minutes; empty for off) must be 1 to 1,440")]
    [InlineData("10", "", "Escalate to must name at least one channel")]
    public async Task Bad_policy_minutes_or_no_channel_are_refused_naming_the_field_and_the_range(string escalateAfter, string renotifyEvery, string message)
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<AlertPolicies>();
        cut.WaitForAssertion(() => cut.Find("#policies-empty"));

        cut.Find("#policy-location").Input("Chicago");
        cut.Find("#policy-escalate-after").Input(escalateAfter);
        cut.Find("#policy-renotify-every").Input(renotifyEvery);
        await cut.Find("#save-policy").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("#policy-error").TextContent));
        Assert.Empty(await Policies.ListAsync());
    }
}
