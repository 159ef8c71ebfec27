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
    public void Anomalies_slower_than_the_alerts_minimum_speed_are_still_anomalies()
    {
        var state = State(new AlertOptions { MinSpeedMph = 55 });

        state.Apply([Result("Tulsa", "TUL-01", 30, 6, 1)]);

        Assert.Single(state.NewestAnomalies);
        Assert.False(state.Rule.RaisesAlert(state.NewestAnomalies[0]));
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
                state.Apply([Result($"Farm{t}", $"T{t}-{i % 20:D2}", 30, i % 70 == 0 ? 6 : 0.7, i)]);
        })));

        Assert.Equal(8, state.Locations.Count);
        Assert.All(state.Locations, location => Assert.Equal(20, state.TurbinesOf(location).Count));
        Assert.All(state.Locations, location => Assert.All(state.TurbinesOf(location), t => Assert.True(t.Timestamp >= s_start.AddSeconds(180))));
        Assert.Equal(8 * 3, state.NewestAnomalies.Count);
    }
}
