using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>
/// What <see cref="AlertPolicyStore"/> and <see cref="SilenceStore"/> keep, the same on every backend: a backend's test
/// class derives from this and supplies a table store. Every test uses tables of its own.
/// </summary>
public abstract class AlertPolicyStorageContractTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A table store on the backend under test.</summary>
    protected abstract Task<ITableStore> CreateTablesAsync();

    [Fact]
    public async Task A_location_policy_is_stored_listed_replaced_and_removed_and_others_follow_the_default()
    {
        var tables = await CreateTablesAsync();
        var defaults = new AlertPolicyOptions { RenotifyEvery = TimeSpan.FromMinutes(30) }.Default;
        var store = new AlertPolicyStore(tables, "AlertPolicy-" + Guid.NewGuid().ToString("N"), defaults);
        await store.EnsureTableAsync();
        var channels = new[] { "email", "webhook", "email-escalation" };

        await store.SaveAsync(AlertPolicy.Parse("Zürich Höhenweg", 15, ["webhook", "email-escalation"], 5, channels, "Ada", s_now));
        await store.SaveAsync(AlertPolicy.Parse("Chicago", null, [], 10, channels, "Ada", s_now));
        await store.SaveAsync(AlertPolicy.Parse("Chicago", 20, ["webhook"], null, channels, "Grace", s_now.AddMinutes(1)));
        var listed = await store.ListAsync();
        var zurich = await store.EffectiveAsync("Zürich Höhenweg");
        var denver = await store.EffectiveAsync("Denver");
        await store.RemoveAsync("Chicago");

        Assert.Equal(["Chicago", "Zürich Höhenweg"], listed.Select(p => p.Location));
        Assert.Equal((TimeSpan.FromMinutes(20), "webhook", (TimeSpan?)null, "Grace", s_now.AddMinutes(1)),
            (listed[0].EscalateAfter, string.Join(",", listed[0].EscalateTo), listed[0].RenotifyEvery, listed[0].UpdatedBy, listed[0].UpdatedAt));
        Assert.Equal((TimeSpan.FromMinutes(15), "webhook,email-escalation", TimeSpan.FromMinutes(5)), (zurich.EscalateAfter!.Value, string.Join(",", zurich.EscalateTo), zurich.RenotifyEvery!.Value));
        Assert.Equal(("Denver", true, (TimeSpan?)null, TimeSpan.FromMinutes(30)), (denver.Location, denver.IsDefault, denver.EscalateAfter, denver.RenotifyEvery!.Value));
        Assert.Null(await store.GetAsync("Chicago"));
        Assert.True((await store.EffectiveAsync("Chicago")).IsDefault);
    }

    [Fact]
    public async Task Silences_are_stored_matched_by_location_and_turbine_within_their_time_ended_early_and_deleted_after_the_retention()
    {
        var tables = await CreateTablesAsync();
        var store = new SilenceStore(tables, "AlertSilence-" + Guid.NewGuid().ToString("N"));
        await store.EnsureTableAsync();

        var whole = await store.CreateAsync(new SilenceDraft { Location = "Chicago", EndsAt = s_now.AddHours(2), Reason = "gearbox swap" }, "Ada", s_now);
        var turbine = await store.CreateAsync(new SilenceDraft { Location = "Denver", Turbine = "DEN-02", StartsAt = s_now.AddHours(1), EndsAt = s_now.AddHours(3), Reason = "sensor" }, "Ada", s_now);
        var matchChicago = await store.MatchAsync("Chicago", "CHI-09", s_now.AddMinutes(30));
        var matchDenverEarly = await store.MatchAsync("Denver", "DEN-02", s_now.AddMinutes(30));
        var matchDenver = await store.MatchAsync("Denver", "DEN-02", s_now.AddMinutes(90));
        var matchOtherTurbine = await store.MatchAsync("Denver", "DEN-01", s_now.AddMinutes(90));
        var ended = await store.EndAsync("Chicago", whole.Id, "Grace", s_now.AddMinutes(45));
        var afterEnd = await store.MatchAsync("Chicago", "CHI-09", s_now.AddMinutes(50));
        var listed = await store.ListAsync(s_now.AddMinutes(50));
        var deletedEarly = await store.DeleteExpiredAsync(s_now.AddDays(7), TimeSpan.FromDays(7));
        var deleted = await store.DeleteExpiredAsync(s_now.AddDays(7).AddMinutes(45), TimeSpan.FromDays(7));

        Assert.Equal(whole.Id, matchChicago?.Id);
        Assert.Null(matchDenverEarly);
        Assert.Equal(turbine.Id, matchDenver?.Id);
        Assert.Null(matchOtherTurbine);
        Assert.Equal((s_now.AddMinutes(45), "Grace", "gearbox swap", "Ada"), (ended.EndsAt, ended.EndedBy, ended.Reason, ended.CreatedBy));
        Assert.Null(afterEnd);
        Assert.Equal([turbine.Id, whole.Id], listed.Select(s => s.Id)); // the one to come first, the ended one after
        Assert.Equal((s_now.AddHours(1), s_now.AddHours(3), "DEN-02"), (listed[0].StartsAt, listed[0].EndsAt, listed[0].Turbine));
        Assert.Equal(0, deletedEarly);
        Assert.Equal(1, deleted);
        Assert.Equal([turbine.Id], (await store.ListAsync(s_now)).Select(s => s.Id));
    }

    [Theory]
    [InlineData("", "2h", "ok", "Location must be 1 to 128 characters")]
    [InlineData("Chi<script>", "2h", "ok", "Location contains '<'")]
    [InlineData("Chicago", "-1h", "ok", "End must be after the start")]
    [InlineData("Chicago", "none", "ok", "End is required")]
    [InlineData("Chicago", "100d", "ok", "at most 90 days")]
    [InlineData("Chicago", "2h", "", "Reason must be 1 to 200 characters")]
    public async Task A_bad_silence_is_refused_naming_the_field_and_nothing_is_stored(string location, string end, string reason, string message)
    {
        var tables = await CreateTablesAsync();
        var store = new SilenceStore(tables, "AlertSilence-" + Guid.NewGuid().ToString("N"));
        await store.EnsureTableAsync();
        DateTimeOffset? endsAt = end switch
        {
            "none" => null,
            "-1h" => s_now.AddHours(-1),
            "100d" => s_now.AddDays(100),
            _ => s_now.AddHours(2),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(new SilenceDraft { Location = location, EndsAt = endsAt, Reason = reason }, "Ada", s_now));

        Assert.Contains(message, error.Message);
        Assert.Empty(await store.ListAsync(s_now));
    }

    [Theory]
    [InlineData(0, "webhook", null, "Escalate after must be 1 to 1440 minutes")]
    [InlineData(1441, "webhook", null, "Escalate after must be 1 to 1440 minutes")]
    [InlineData(10, "", null, "Escalate to must name at least one channel")]
    [InlineData(10, "pager", null, "Escalate to names 'pager', which is not a channel; the channels are email, webhook")]
    [InlineData(null, "", 0, "Re-notify every must be 1 to 1440 minutes")]
    public void A_bad_policy_is_refused_naming_the_field_and_the_range(int? escalateAfter, string escalateTo, int? renotifyEvery, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            AlertPolicy.Parse("Chicago", escalateAfter, escalateTo.Length == 0 ? [] : [escalateTo], renotifyEvery, ["email", "webhook"], "Ada", s_now));

        Assert.Contains(message, error.Message);
    }
}
