using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>
/// The fault report says what the detector does on the scripted series: each row is checked against a recomputation of
/// its own (the generator, the anomaly job's processor, the alert rule's numbers applied here), not against a wanted answer.
/// </summary>
public sealed class FaultDetectionReportTests
{
    /// <summary>
    /// One farm: the fault is at the first, whose forest sees the same readings however many farms there are (each farm
    /// has its own randomness and its own forest), so what is found and how soon is the default report's.
    /// </summary>
    private static readonly FaultReportOptions s_options = new() { Locations = 1 };

    [Theory]
    [InlineData(FaultKind.StuckSensor)]
    [InlineData(FaultKind.DriftingSensor)]
    [InlineData(FaultKind.GustFront)]
    public void Each_row_matches_an_independent_recomputation_over_the_same_series(FaultKind kind)
    {
        var row = FaultDetectionReport.Run(kind, s_options);

        var expected = FaultRecomputation.Of(kind, s_options);
        Assert.Equal(expected.FaultReadings, row.FaultReadings);
        Assert.Equal(expected.FirstAnomaly, row.FirstAnomaly is { } a ? (a.Reading, a.After, a.Turbine) : null);
        Assert.Equal(expected.Anomalies, row.Anomalies);
        Assert.Equal(expected.FirstAlert, row.FirstAlert is { } b ? (b.Reading, b.After, b.Turbine) : null);
        Assert.Equal(expected.Alerts, row.Alerts);
        Assert.Equal(expected.OtherReadings, row.OtherReadings);
        Assert.Equal(expected.FalseAnomalies, row.FalseAnomalies);
        Assert.Equal(expected.FalseAlerts, row.FalseAlerts);
        Assert.Equal(row.Found, row.Anomalies > 0);
    }

    [Fact]
    public void The_detector_finds_a_gust_front_within_its_first_minute()
    {
        var row = FaultDetectionReport.Run(FaultKind.GustFront, s_options);

        Assert.True(row.Found, "the gust front was not found");
        Assert.True(row.FirstAnomaly!.After < TimeSpan.FromMinutes(1), $"found {row.FirstAnomaly.After} after it began");
        Assert.Equal(s_options.TurbinesPerLocation, row.Injected.Count);
    }

    [Fact]
    public void A_stuck_sensor_is_reported_as_the_scores_of_its_readings_say_found_or_not()
    {
        var row = FaultDetectionReport.Run(FaultKind.StuckSensor, s_options);

        // A frozen value is an ordinary speed: whether a forest scoring speed flags it is for the scores to say.
        var scores = FaultRecomputation.Scored(FaultKind.StuckSensor, s_options).Where(s => s.Faulted).Select(s => s.Result.Score).ToList();
        Assert.Equal(300, scores.Count);
        Assert.Equal(scores.Any(s => s >= new AlertOptions().Threshold), row.Found);
        Assert.Equal(scores.Count(s => s >= new AlertOptions().Threshold), row.Anomalies);
    }

    [Fact]
    public void The_same_options_give_the_same_report_and_the_faults_positions_do_not_depend_on_the_seed()
    {
        var a = FaultDetectionReport.Run(FaultKind.DriftingSensor, s_options);
        var b = FaultDetectionReport.Run(FaultKind.DriftingSensor, s_options);
        var c = FaultDetectionReport.Run(FaultKind.DriftingSensor, s_options with { Seed = 5 });

        Assert.Equal((a.FirstAnomaly, a.Anomalies, a.FalseAnomalies, a.OtherReadings), (b.FirstAnomaly, b.Anomalies, b.FalseAnomalies, b.OtherReadings));
        Assert.Equal(a.Injected, b.Injected);
        Assert.Equal(a.Injected, c.Injected);
    }

    [Fact]
    public void Options_that_cannot_hold_the_fault_are_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => FaultDetectionReport.Run(FaultKind.GustFront, s_options with { Length = TimeSpan.FromMinutes(12) }));

        Assert.Contains("must lie within the report's length (720 s", error.Message);
    }
}
