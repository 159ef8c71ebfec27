using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class DashboardStateTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static DashboardState State(AlertOptions? alerts = null) => new(new AnomalyRule(alerts ?? new AlertOptions()));

    private static AnomalyResult Result(string location, string turbine, double speed, double score, int second, double grade = 0) =>
        new(new WindReading(location, turbine, speed, s_start.AddSeconds(second), second, "test"), score, grade, null);

    private static Incident Incident(string location, int firstSecond, int lastSecond) => new()
    {
        Location = location,
        Id = $"{firstSecond:D4}#T#1",
        Turbine = "TUL-01",
        SpeedMph = 97,
        Score = 5,
        FirstSeen = s_start.AddSeconds(firstSecond),
        LastSeen = s_start.AddSeconds(lastSecond),
        MaxSpeedMph = 97,
        MaxScore = 5,
        UpdatedAt = s_start.AddSeconds(lastSecond),
        Version = 1,
    };

    [Fact]
    public void Locations_and_their_turbines_are_sorted_by_name()
    {
        var state = State();

        state.Apply([Result("Tulsa", "TUL-02", 20, 0.7, 1), Result("Chicago", "CHI-01", 21, 0.7, 1), Result("Tulsa", "TUL-01", 22, 0.7, 1)]);

        Assert.Equal(["Chicago", "Tulsa"], state.Locations);
        Assert.Equal(["TUL-01", "TUL-02"], state.TurbinesOf("Tulsa").Select(t => t.Turbine));
        Assert.Empty(state.TurbinesOf("Casper"));
    }

    [Fact]
    public void A_turbine_shows_its_newest_reading_whatever_order_the_readings_arrive_in()
    {
        var state = State();

        state.Apply([Result("Tulsa", "TUL-01", 30, 0.7, 5)]);
        state.Apply([Result("Tulsa", "TUL-01", 80, 0.9, 2)]);
        state.Apply([Result("Tulsa", "TUL-01", 41, 0.8, 9), Result("Tulsa", "TUL-01", 12, 0.6, 7)]);

        var status = Assert.Single(state.TurbinesOf("Tulsa"));
        Assert.Equal(41, status.SpeedMph);
        Assert.Equal(0.8, status.Score);
        Assert.Equal(s_start.AddSeconds(9), status.Timestamp);
    }

    [Fact]
    public void An_anomaly_is_a_score_at_or_above_the_configured_threshold()
    {
        var state = State(new AlertOptions { Threshold = 5 });

        state.Apply([Result("Tulsa", "TUL-01", 90, 4.99, 1), Result("Tulsa", "TUL-02", 90, 5, 2), Result("Tulsa", "TUL-03", 90, 7, 3)]);

        Assert.Equal(["TUL-03", "TUL-02"], state.NewestAnomalies.Select(a => a.Reading.Turbine));
    }

    [Fact]
    public void Under_the_grade_criterion_an_anomaly_is_a_graded_reading_whatever_its_score()
    {
        var state = State(new AlertOptions { Criterion = AlertCriterion.Grade });

        state.Apply([Result("Tulsa", "TUL-01", 90, 9, 1, grade: 0), Result("Tulsa", "TUL-02", 90, 1.1, 2, grade: 0.3)]);

        Assert.Equal("TUL-02", Assert.Single(state.NewestAnomalies).Reading.Turbine);
    }

    [Fact]
    public void Anomalies_slower_than_the_alerts_minimum_speed_are_kept_apart_from_those_that_raise_alerts()
    {
        var state = State(new AlertOptions { MinSpeedMph = 55 });

        state.Apply([Result("Tulsa", "TUL-01", 30, 6, 1), Result("Tulsa", "TUL-02", 56, 6, 2)]);

        var alerting = Assert.Single(state.NewestAnomalies);
        Assert.Equal("TUL-02", alerting.Reading.Turbine);
        Assert.True(state.Rule.RaisesAlert(alerting));
        var slower = Assert.Single(state.NewestAnomaliesBelowAlertSpeed);
        Assert.Equal("TUL-01", slower.Reading.Turbine);
        Assert.False(state.Rule.RaisesAlert(slower));
    }

    [Fact]
    public void A_spike_stays_latched_after_the_wind_calms_until_the_card_is_acknowledged()
    {
        var state = State();
        state.Apply([Result("Tulsa", "TUL-01", 97, 1.2, 1), Result("Tulsa", "TUL-01", 30, 0.7, 2)]);

        var turbine = Assert.Single(state.TurbinesOf("Tulsa"));
        Assert.Equal(TurbineCondition.Normal, turbine.Condition);
        Assert.Equal(TurbineCondition.ShutdownAdvised, turbine.Shown);
        Assert.Equal(97, turbine.Latched!.SpeedMph);
        Assert.Equal(BoardState.ShutdownAdvised, Assert.Single(state.Board(s_start.AddSeconds(3), TimeSpan.FromMinutes(1))).State);

        state.Acknowledge(new LatchAcknowledgement("Tulsa", s_start.AddSeconds(2), "Dana", s_start.AddSeconds(3)));

        Assert.Null(Assert.Single(state.TurbinesOf("Tulsa")).Latched);
        Assert.Equal(BoardState.Normal, Assert.Single(state.Board(s_start.AddSeconds(3), TimeSpan.FromMinutes(1))).State);
    }

    [Fact]
    public void A_reading_up_to_an_acknowledgement_does_not_latch_again_when_it_arrives_late_but_a_newer_one_does()
    {
        var state = State();
        state.Apply([Result("Tulsa", "TUL-01", 30, 0.7, 5)]);
        state.Acknowledge(new LatchAcknowledgement("Tulsa", s_start.AddSeconds(5), "Dana", s_start.AddSeconds(6)));

        state.Apply([Result("Tulsa", "TUL-01", 80, 1, 4)]);
        Assert.Null(Assert.Single(state.TurbinesOf("Tulsa")).Latched);

        state.Apply([Result("Tulsa", "TUL-01", 60, 1, 7), Result("Tulsa", "TUL-01", 30, 1, 8)]);
        Assert.Equal(TurbineCondition.CutOut, Assert.Single(state.TurbinesOf("Tulsa")).Shown);
    }

    [Fact]
    public void A_worse_reading_replaces_the_latch_and_a_milder_one_does_not()
    {
        var state = State();

        state.Apply([Result("Tulsa", "TUL-01", 60, 1, 1), Result("Tulsa", "TUL-01", 90, 1, 2), Result("Tulsa", "TUL-01", 50, 1, 3)]);

        var latched = Assert.Single(state.TurbinesOf("Tulsa")).Latched!;
        Assert.Equal((TurbineCondition.ShutdownAdvised, 90.0, s_start.AddSeconds(2)), (latched.Condition, latched.SpeedMph, latched.At));
    }

    [Fact]
    public void Acknowledging_an_incident_clears_the_latches_of_its_readings_only()
    {
        var state = State();
        state.Apply([Result("Tulsa", "TUL-01", 97, 5, 10), Result("Tulsa", "TUL-02", 80, 1, 30), Result("Tulsa", "TUL-01", 30, 0.7, 31), Result("Tulsa", "TUL-02", 30, 0.7, 31)]);
        var incident = Incident("Tulsa", firstSecond: 9, lastSecond: 12);
        state.ApplyIncidents([incident]);
        Assert.Equal(2, state.TurbinesOf("Tulsa").Count(t => t.IsLatched));

        state.ApplyIncidents([incident with { State = IncidentState.Acknowledged, Version = 2 }]);

        Assert.Equal(["TUL-02"], state.TurbinesOf("Tulsa").Where(t => t.IsLatched).Select(t => t.Turbine));
    }

    [Fact]
    public void A_location_with_an_active_incident_never_reads_normal()
    {
        var state = State();
        state.Apply([Result("Tulsa", "TUL-01", 30, 0.7, 20)]);
        var incident = Incident("Tulsa", firstSecond: 1, lastSecond: 2);

        state.ApplyIncidents([incident with { State = IncidentState.Acknowledged }]);

        var card = Assert.Single(state.Board(s_start.AddSeconds(21), TimeSpan.FromMinutes(1)));
        Assert.Equal(BoardState.Alert, card.State);
        Assert.Equal(incident.Id, Assert.Single(card.Incidents).Id);

        state.ApplyIncidents([incident with { State = IncidentState.Resolved, Version = 3 }]);

        Assert.Equal(BoardState.Normal, Assert.Single(state.Board(s_start.AddSeconds(21), TimeSpan.FromMinutes(1))).State);
    }

    [Fact]
    public void A_location_silent_for_the_silence_setting_shows_no_communication_with_what_it_said_before()
    {
        var state = State();
        state.Apply([Result("Tulsa", "TUL-01", 60, 0.7, 0)]);

        var before = Assert.Single(state.Board(s_start.AddSeconds(29), TimeSpan.FromSeconds(30)));
        var after = Assert.Single(state.Board(s_start.AddSeconds(30), TimeSpan.FromSeconds(30)));

        Assert.Equal(BoardState.CutOut, before.State);
        Assert.Equal((BoardState.NoCommunication, BoardState.CutOut), (after.State, after.Condition));
    }

    [Fact]
    public void The_most_severe_location_is_the_worst_state_that_still_communicates()
    {
        var state = State();
        state.Apply([
            Result("Albany", "ALB-01", 20, 0.7, 100),
            Result("Boston", "BOS-01", 99, 0.7, 10),
            Result("Casper", "CAS-01", 47, 0.7, 100),
            Result("Dallas", "DAL-01", 58, 0.7, 99),
        ]);

        var board = state.Board(s_start.AddSeconds(101), TimeSpan.FromSeconds(30));

        Assert.Equal(BoardState.NoCommunication, board.Single(s => s.Location == "Boston").State);
        Assert.Equal("Dallas", DashboardState.MostSevere(board));
        Assert.Equal("Casper", DashboardState.MostSevere(board.Where(s => s.Location != "Dallas").ToList()));
        Assert.Null(DashboardState.MostSevere([]));
    }

    [Fact]
    public void The_same_anomaly_seen_twice_is_kept_once()
    {
        var state = State();
        var spike = Result("Tulsa", "TUL-01", 95, 6, 1);

        state.Apply([spike]);
        state.Apply([spike with { }]);

        Assert.Single(state.NewestAnomalies);
    }

    [Fact]
    public void Only_the_newest_anomalies_are_kept_newest_first()
    {
        var state = State();
        var shuffled = Enumerable.Range(0, DashboardState.MaxAnomalies + 10).OrderBy(i => (i * 17) % 35).ToList();

        foreach (var second in shuffled)
            state.Apply([Result("Tulsa", $"TUL-{second:D2}", 95, 6, second)]);

        var seconds = state.NewestAnomalies.Select(a => (int)a.Reading.Seq).ToList();
        Assert.Equal(Enumerable.Range(10, DashboardState.MaxAnomalies).Reverse(), seconds);
    }

    [Fact]
    public async Task Readings_applied_from_several_threads_at_once_are_all_kept()
    {
        var state = State();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
                state.Apply([Result($"Farm{t}", $"T{t}-{i % 20:D2}", i % 70 == 0 ? 80 : 30, i % 70 == 0 ? 6 : 0.7, i)]);
        })));

        Assert.Equal(8, state.Locations.Count);
        Assert.All(state.Locations, location => Assert.Equal(20, state.TurbinesOf(location).Count));
        Assert.All(state.Locations, location => Assert.All(state.TurbinesOf(location), t => Assert.True(t.Timestamp >= s_start.AddSeconds(180))));
        Assert.Equal(8 * 3, state.NewestAnomalies.Count);
    }
}
