using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

public class WindDatasetGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_readings_and_a_different_seed_does_not()
    {
        var a = new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Seed = 7 }).Take(500).ToList();
        var b = new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Seed = 7 }).Take(500).ToList();
        var c = new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Seed = 8 }).Take(500).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(r => r.Reading.SpeedMph), c.Select(r => r.Reading.SpeedMph));
    }

    [Fact]
    public void Every_turbine_gives_one_reading_per_tick_with_its_own_seq_and_the_ticks_time()
    {
        var options = new DatasetOptions { Locations = 3, TurbinesPerLocation = 5, TickInterval = TimeSpan.FromSeconds(2) };
        var generator = new WindDatasetGenerator(WindDataset.Normal, options);

        var readings = generator.Take(10).Select(r => r.Reading).ToList();

        Assert.Equal(150, readings.Count);
        Assert.Equal(15, readings.Select(r => r.Turbine).Distinct().Count());
        Assert.Equal(3, readings.Select(r => r.Location).Distinct().Count());
        foreach (var turbine in readings.GroupBy(r => r.Turbine))
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), turbine.Select(r => r.Seq));
            Assert.Equal(options.StartTime + TimeSpan.FromSeconds(18), turbine.Last().Timestamp);
        }
    }

    [Fact]
    public void Normal_wind_is_mostly_10_to_45_mph_and_never_severe()
    {
        var readings = new WindDatasetGenerator(WindDataset.Normal).Take(5000).Select(r => r.Reading.SpeedMph).ToList();

        var inRange = readings.Count(s => s is >= 10 and <= 45) / (double)readings.Count;
        Assert.True(inRange > 0.9, $"only {inRange:P1} of readings are 10-45 mph");
        Assert.True(readings.Max() < 70, $"normal wind reached {readings.Max()} mph");
    }

    [Fact]
    public void Anomaly_dataset_labels_spikes_of_70_to_110_mph_and_sustained_high_wind()
    {
        var readings = new WindDatasetGenerator(WindDataset.Anomaly).Take(3000).ToList();

        var spikes = readings.Where(r => r.Event == SevereEventKind.Spike).ToList();
        var sustained = readings.Where(r => r.Event == SevereEventKind.SustainedHighWind).ToList();
        Assert.True(spikes.Count >= 5 * 5, $"expected several spikes per farm, got {spikes.Count}");
        Assert.All(spikes, s => Assert.InRange(s.Reading.SpeedMph, 70, 110));
        Assert.NotEmpty(sustained);
        Assert.True(sustained.Average(s => s.Reading.SpeedMph) > 55);
        Assert.True(readings.Where(r => r.Event == SevereEventKind.None).Max(r => r.Reading.SpeedMph) < 70);
    }

    [Fact]
    public void Diy_dataset_is_the_city_farm_alone()
    {
        var generator = new WindDatasetGenerator(WindDataset.Diy);

        var readings = generator.Take(3).Select(r => r.Reading).ToList();

        Assert.All(readings, r => Assert.Equal("City", r.Location));
        Assert.All(readings, r => Assert.Equal("diy", r.Dataset));
        Assert.Single(generator.Farms);
    }

    [Fact]
    public void Turbine_ids_are_unique_across_all_farms()
    {
        var generator = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions { Locations = WindDatasetGenerator.MaxLocations, TurbinesPerLocation = 10 });

        var ids = generator.Farms.SelectMany(f => f.Turbines).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Out_of_range_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions { Locations = 0 }));

        Assert.Contains("Locations must be 1 to", error.Message);
    }

    [Theory]
    [InlineData(20, 5, 4)] // the Simulator page's defaults
    [InlineData(20, 5, 1)]
    [InlineData(50, 10, 10)]
    public void The_anomaly_datasets_first_severe_event_comes_after_the_detectors_warm_up_and_within_90_seconds_of_Start(double rate, int locations, int turbines)
    {
        // As DatasetRun sends it: one tick of every turbine per (turbines / rate) seconds, reading n at n / rate seconds.
        var options = new DatasetOptions { Locations = locations, TurbinesPerLocation = turbines, TickInterval = TimeSpan.FromSeconds(locations * turbines / rate) };
        var warmUp = new AnomalyDetectionOptions().OutputAfter;
        var perLocation = new Dictionary<string, int>();
        var sent = 0;
        SimulatedReading? first = null;
        foreach (var reading in new WindDatasetGenerator(WindDataset.Anomaly, options).Take(2_000))
        {
            if (reading.Event != SevereEventKind.None)
            {
                first = reading;
                break;
            }
            perLocation[reading.Reading.Location] = perLocation.GetValueOrDefault(reading.Reading.Location) + 1;
            sent++;
        }

        Assert.NotNull(first);
        var spike = first.Value;
        Assert.Equal(SevereEventKind.Spike, spike.Event);
        Assert.Equal(WindDatasetGenerator.WarmUpReadingsPerLocation, warmUp);
        var readingsBefore = perLocation.GetValueOrDefault(spike.Reading.Location);
        Assert.True(readingsBefore >= warmUp, $"The first spike comes after {readingsBefore} readings of {spike.Reading.Location}, before its detector scores ({warmUp}).");
        var sentAfter = TimeSpan.FromSeconds(sent / rate);
        Assert.True(sentAfter <= TimeSpan.FromSeconds(90), $"The first severe event is sent {sentAfter} after Start.");
    }
}
