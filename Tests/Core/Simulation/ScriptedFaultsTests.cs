using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>
/// Scripted faults in the generator (<see cref="WindDatasetGenerator"/> with <see cref="DatasetOptions.Faults"/>): the
/// readings they change are where the script puts them, and only those; the ground truth lists exactly them.
/// </summary>
public sealed class ScriptedFaultsTests
{
    private static readonly DatasetOptions s_shape = new() { Locations = 2, TurbinesPerLocation = 4, Seed = 11, TickInterval = TimeSpan.FromSeconds(2) };

    private static List<SimulatedReading> Generate(params ScriptedFault[] faults) =>
        new WindDatasetGenerator(WindDataset.Normal, s_shape with { Faults = faults }).Take(200).ToList();

    private static ScriptedFault Fault(FaultKind kind, string? turbine = "CHI-02", double? drift = null, double? gust = null, TimeSpan? delay = null) => new()
    {
        Kind = kind,
        Location = "Chicago",
        Turbine = kind == FaultKind.GustFront ? null : turbine,
        Start = TimeSpan.FromSeconds(101),
        Duration = TimeSpan.FromSeconds(60),
        DriftMphPerMinute = drift,
        GustMph = gust,
        DelayPerTurbine = delay,
    };

    [Fact]
    public void A_stuck_sensor_repeats_its_last_value_exactly_at_the_scripted_readings_and_nothing_else_changes()
    {
        var clean = Generate();
        var faulty = Generate(Fault(FaultKind.StuckSensor));

        // Ticks are 2 s apart: a fault from 101 s for 60 s covers the ticks stamped 102 s to 160 s, seq 51 to 80.
        var changed = faulty.Where(r => r.Fault is not null).Select(r => r.Reading).ToList();
        Assert.All(changed, r => Assert.Equal(("Chicago", "CHI-02"), (r.Location, r.Turbine)));
        Assert.Equal(Enumerable.Range(51, 30).Select(i => (long)i), changed.Select(r => r.Seq));
        var before = faulty.Single(r => r.Reading.Turbine == "CHI-02" && r.Reading.Seq == 50).Reading.SpeedMph;
        Assert.All(changed, r => Assert.Equal(before, r.SpeedMph));
        Assert.NotEqual(clean.Where(r => r.Reading.Turbine == "CHI-02" && r.Reading.Seq is >= 51 and <= 80).Select(r => r.Reading.SpeedMph), changed.Select(r => r.SpeedMph));
        Assert.Equal(clean.Where(r => r.Fault is null && !(r.Reading.Turbine == "CHI-02" && r.Reading.Seq is >= 51 and <= 80)),
            faulty.Where(r => r.Fault is null));
    }

    [Fact]
    public void A_drifting_sensor_moves_away_from_the_wind_by_its_drift_per_minute_since_the_fault_began()
    {
        var clean = Generate().ToDictionary(r => (r.Reading.Turbine, r.Reading.Seq), r => r.Reading.SpeedMph);
        var faulty = Generate(Fault(FaultKind.DriftingSensor, drift: -3));

        var changed = faulty.Where(r => r.Fault == FaultKind.DriftingSensor).Select(r => r.Reading).ToList();
        Assert.Equal(30, changed.Count);
        foreach (var r in changed)
        {
            var minutes = (r.Timestamp - (s_shape.StartTime + TimeSpan.FromSeconds(101))).TotalMinutes;
            Assert.Equal(Math.Max(0, clean[(r.Turbine, r.Seq)] - 3 * minutes), r.SpeedMph, 2);
        }
    }

    [Fact]
    public void A_gust_front_reaches_the_farms_turbines_one_after_another_and_the_ground_truth_says_where()
    {
        var generator = new WindDatasetGenerator(WindDataset.Normal, s_shape with { Faults = [Fault(FaultKind.GustFront, gust: 30, delay: TimeSpan.FromSeconds(8))] });
        var clean = Generate().ToDictionary(r => (r.Reading.Turbine, r.Reading.Seq), r => r.Reading.SpeedMph);
        var readings = generator.Take(200).ToList();

        var truth = generator.GroundTruth;
        Assert.Equal(["CHI-01", "CHI-02", "CHI-03", "CHI-04"], truth.Select(t => t.Turbine));
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.Equal(s_shape.StartTime + TimeSpan.FromSeconds(101 + 8 * i), truth[i].From);
            Assert.Equal(TimeSpan.FromSeconds(60), truth[i].Until - truth[i].From);
            var at = readings.Where(r => r.Fault == FaultKind.GustFront && r.Reading.Turbine == truth[i].Turbine).Select(r => r.Reading).ToList();
            Assert.Equal(truth[i].ReadingCount, at.Count);
            Assert.Equal(truth[i].FirstSeq, at[0].Seq);
            Assert.Equal(truth[i].LastSeq, at[^1].Seq);
            Assert.All(at, r => Assert.True(r.Timestamp >= truth[i].From && r.Timestamp < truth[i].Until));
            // The front arrives with its full gust and eases off linearly over the duration.
            Assert.All(at, r => Assert.Equal(clean[(r.Turbine, r.Seq)] + 30 * (1 - (r.Timestamp - truth[i].From) / TimeSpan.FromSeconds(60)), r.SpeedMph, 2));
        }
        Assert.Equal(readings.Count(r => r.Fault is not null), truth.Sum(t => t.ReadingCount));
        Assert.All(readings.Where(r => r.Reading.Location != "Chicago"), r => Assert.Null(r.Fault));
    }

    [Fact]
    public void The_ground_truth_covers_exactly_the_readings_labelled_with_the_fault()
    {
        var faults = new[] { Fault(FaultKind.StuckSensor, "CHI-01"), Fault(FaultKind.DriftingSensor, "CHI-04") with { Location = "Chicago", Start = TimeSpan.FromSeconds(7) } };
        var generator = new WindDatasetGenerator(WindDataset.Anomaly, s_shape with { Faults = faults });

        var readings = generator.Take(200).ToList();

        foreach (var r in readings)
        {
            var covered = generator.GroundTruth.Any(t => t.Covers(r.Reading.Location, r.Reading.Turbine, r.Reading.Seq));
            Assert.Equal(covered, r.Fault is not null);
        }
    }

    [Fact]
    public void A_fault_at_a_turbine_the_dataset_does_not_have_is_refused_naming_the_field_and_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Generate(Fault(FaultKind.StuckSensor, "CHI-09")));

        Assert.Equal("Fault 1 (stuck sensor): Turbine must be one of Chicago's turbines (CHI-01, CHI-02, CHI-03, CHI-04); \"CHI-09\" is not.", error.Message);
    }
}
