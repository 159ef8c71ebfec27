using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

public sealed class DailyWindProfileTests
{
    private static readonly DateTimeOffset s_day = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_wind_is_raised_by_the_amplitude_at_the_peak_hour_and_lowered_as_much_twelve_hours_later()
    {
        var profile = new DailyWindProfile { AmplitudeMph = 8, PeakHourUtc = 15 };

        Assert.Equal(8, profile.OffsetMph(s_day.AddHours(15)), 9);
        Assert.Equal(-8, profile.OffsetMph(s_day.AddHours(3)), 9);
        Assert.Equal(0, profile.OffsetMph(s_day.AddHours(9)), 9);
        Assert.Equal(profile.OffsetMph(s_day.AddHours(15)), profile.OffsetMph(s_day.AddDays(3).AddHours(15)), 9);
    }

    [Fact]
    public void It_goes_by_the_readings_event_time_in_UTC_whatever_their_offset()
    {
        var profile = new DailyWindProfile { AmplitudeMph = 5, PeakHourUtc = 15 };

        Assert.Equal(5, profile.OffsetMph(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(-5))), 9);
    }

    [Fact]
    public void Off_by_default_so_a_dataset_is_as_its_seed_gave_it()
    {
        Assert.False(new DatasetOptions().DailyProfile.IsOn);
        Assert.Equal(0, DailyWindProfile.Off.OffsetMph(s_day.AddHours(15)));
    }

    [Fact]
    public void A_generated_afternoon_is_windier_than_a_generated_night_with_the_profile_on_and_not_with_it_off()
    {
        static double Mean(DateTimeOffset start, DailyWindProfile profile) =>
            new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions { Locations = 3, StartTime = start, DailyProfile = profile })
                .Take(600).Average(r => r.Reading.SpeedMph);
        var on = new DailyWindProfile { AmplitudeMph = 10, PeakHourUtc = 15 };

        var afternoon = Mean(s_day.AddHours(15), on);
        var night = Mean(s_day.AddHours(3), on);

        Assert.True(afternoon - night > 10, $"afternoon {afternoon:0.0} mph, night {night:0.0} mph");
        Assert.Equal(Mean(s_day.AddHours(15), DailyWindProfile.Off), Mean(s_day.AddHours(3), DailyWindProfile.Off), 9);
    }
}
