using Bunit;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class StatusBoardTests : WebTestContext
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_silence = TimeSpan.FromMinutes(1);

    [Fact]
    public void Each_turbine_shows_its_condition_normal_high_wind_cut_out_or_shutdown_advised()
    {
        var cut = Board(Readings(("CHI-01", 30, 0), ("CHI-02", 47, 0), ("CHI-03", 56, 0), ("CHI-04", 71, 0)));

        Assert.Equal(new string?[] { "Normal", "HighWind", "CutOut", "ShutdownAdvised" },
            cut.FindAll(".turbine").Select(t => t.GetAttribute("data-condition")).ToArray());
        Assert.Equal("Shutdown advised", cut.Find("[data-location=Chicago] .state-chip").TextContent.Trim());
    }

    [Fact]
    public void A_spike_that_calmed_down_stays_on_the_card_as_latched_with_its_speed_and_an_acknowledge_button()
    {
        var cut = Board(Readings(("CHI-01", 97, 0), ("CHI-01", 31, 1), ("CHI-02", 30, 1)));

        Assert.Equal("ShutdownAdvised", cut.Find("[data-location=Chicago]").GetAttribute("data-state"));
        Assert.Equal("true", cut.Find(".turbine[data-turbine=CHI-01]").GetAttribute("data-latched"));
        Assert.Equal("false", cut.Find(".turbine[data-turbine=CHI-02]").GetAttribute("data-latched"));
        var latched = cut.Find(".status-latched").TextContent;
        Assert.Contains("CHI-01 Shutdown advised, 97.0 mph", latched);
        Assert.Contains("now normal, 31 mph", latched);
        Assert.Equal("Acknowledge (1)", cut.Find(".card-acknowledge").TextContent.Trim());
    }

    [Fact]
    public void Clicking_Acknowledge_raises_AcknowledgeRequested_with_the_card()
    {
        LocationStatus? requested = null;
        var state = Readings(("CHI-01", 97, 0), ("CHI-01", 31, 1));
        var cut = Render<StatusBoard>(p => p
            .Add(b => b.Statuses, state.Board(s_time.AddSeconds(2), s_silence))
            .Add(b => b.Now, s_time.AddSeconds(2))
            .Add(b => b.CanOperate, true)
            .Add(b => b.AcknowledgeRequested, (LocationStatus s) => requested = s));

        cut.Find(".card-acknowledge").Click();

        Assert.Equal("Chicago", requested?.Location);
        Assert.Equal("false", cut.Find(".card-acknowledge").GetAttribute("aria-disabled"));
    }

    [Fact]
    public void For_a_user_who_may_not_acknowledge_the_button_says_the_role_it_needs()
    {
        var cut = Board(Readings(("CHI-01", 97, 0), ("CHI-01", 31, 1)), canOperate: false);

        var button = cut.Find(".card-acknowledge");
        Assert.Equal("true", button.GetAttribute("aria-disabled"));
        Assert.Equal($"Needs the {AccessRoles.Operator} role", button.GetAttribute("title"));
    }

    [Fact]
    public void A_silent_location_says_no_communication_for_how_long_and_what_it_said_before()
    {
        var state = Readings(("CHI-01", 58, 0));

        var cut = Render<StatusBoard>(p => p
            .Add(b => b.Statuses, state.Board(s_time.AddMinutes(14).AddSeconds(3), s_silence))
            .Add(b => b.Now, s_time.AddMinutes(14).AddSeconds(3))
            .Add(b => b.SilenceAfter, s_silence));

        Assert.Equal("NoCommunication", cut.Find("[data-location=Chicago]").GetAttribute("data-state"));
        Assert.Equal("No communication", cut.Find("[data-location=Chicago] .state-chip").TextContent.Trim());
        var silent = cut.Find(".status-silent").TextContent;
        Assert.Contains("No reading for 14 min 3 s", silent);
        Assert.Contains("until then: Cut-out", silent);
        Assert.Equal("true", cut.Find(".turbine[data-turbine=CHI-01]").GetAttribute("data-silent"));
        Assert.DoesNotContain("58", cut.Find(".turbine[data-turbine=CHI-01] .turbine-speed").TextContent);
    }

    [Fact]
    public void Active_incidents_are_listed_on_their_card_which_then_never_says_normal()
    {
        var state = Readings(("CHI-01", 30, 10));
        state.ApplyIncidents([Incident(IncidentState.Open, "0001"), Incident(IncidentState.Acknowledged, "0002") with { AcknowledgedBy = "Dana" }]);

        var cut = Board(state);

        Assert.Equal("Alert", cut.Find("[data-location=Chicago]").GetAttribute("data-state"));
        var items = cut.FindAll(".status-incidents li");
        Assert.Equal(new string?[] { "Acknowledged", "Open" }, items.Select(i => i.GetAttribute("data-incident-state")).ToArray());
        Assert.Contains("(by Dana)", items[0].TextContent);
        Assert.Contains("up to 97.0 mph", items[1].TextContent);
        Assert.Equal("Acknowledge (1)", cut.Find(".card-acknowledge").TextContent.Trim());
    }

    [Fact]
    public void Clicking_a_location_name_raises_LocationSelected_with_it()
    {
        string? selected = null;
        var state = new DashboardState(new AnomalyRule(new AlertOptions()));
        state.Apply([Reading("Chicago", "CHI-01", 30, 0), Reading("Tulsa", "TUL-01", 30, 0)]);
        var cut = Render<StatusBoard>(p => p
            .Add(b => b.Statuses, state.Board(s_time, s_silence))
            .Add(b => b.Now, s_time)
            .Add(b => b.LocationSelected, (string l) => selected = l));

        cut.Find("[data-location=Tulsa] .status-location-name").Click();

        Assert.Equal("Tulsa", selected);
    }

    private IRenderedComponent<StatusBoard> Board(DashboardState state, bool canOperate = true) => Render<StatusBoard>(p => p
        .Add(b => b.Statuses, state.Board(s_time.AddSeconds(20), s_silence))
        .Add(b => b.Now, s_time.AddSeconds(20))
        .Add(b => b.SilenceAfter, s_silence)
        .Add(b => b.CanOperate, canOperate));

    private static DashboardState Readings(params (string Turbine, double Speed, int Second)[] readings)
    {
        var state = new DashboardState(new AnomalyRule(new AlertOptions()));
        state.Apply(readings.Select(r => Reading("Chicago", r.Turbine, r.Speed, r.Second)));
        return state;
    }

    private static AnomalyResult Reading(string location, string turbine, double speed, int second) =>
        new(new WindReading(location, turbine, speed, s_time.AddSeconds(second), second, "test"), 0.8, 0, null);

    private static Incident Incident(IncidentState state, string id) => new()
    {
        Location = "Chicago",
        Id = id,
        State = state,
        Turbine = "CHI-02",
        SpeedMph = 97,
        Score = 5,
        FirstSeen = s_time.AddSeconds(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
        LastSeen = s_time.AddSeconds(5),
        MaxSpeedMph = 97,
        MaxScore = 5,
        UpdatedAt = s_time.AddSeconds(5),
    };
}
