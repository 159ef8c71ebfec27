using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>A scripted fault or a daily profile out of range is refused with a message naming the fault, the field and the range.</summary>
public sealed class FaultFieldsTests
{
    private static readonly IReadOnlyList<WindFarm> s_farms = WindDatasetGenerator.FarmsOf(WindDataset.Normal, 2, 4);

    private static readonly ScriptedFault s_gust = new()
    {
        Kind = FaultKind.GustFront,
        Location = "Amarillo",
        Start = TimeSpan.FromMinutes(2),
        Duration = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public void A_fault_within_its_ranges_is_accepted() =>
        Assert.Null(FaultFields.Error([s_gust, s_gust with { Kind = FaultKind.StuckSensor, Turbine = "AMA-03" }], DailyWindProfile.Off, s_farms));

    public static TheoryData<ScriptedFault, string> Refused => new()
    {
        { s_gust with { Location = "Atlantis" }, "Fault 2 (gust front): Location must be one of the dataset's: Chicago, Amarillo; \"Atlantis\" is not." },
        { s_gust with { Turbine = "AMA-01" }, "Fault 2 (gust front): Turbine does not apply: a gust front crosses every turbine of Amarillo, one after another; leave it out." },
        { s_gust with { Kind = FaultKind.StuckSensor }, "Fault 2 (stuck sensor): Turbine must be one of Amarillo's turbines (AMA-01, AMA-02, AMA-03, AMA-04); it is empty." },
        { s_gust with { Start = TimeSpan.FromSeconds(-1) }, "Fault 2 (gust front): Start (s after the first reading) must be 0 to 2,592,000; -1 is outside that range." },
        { s_gust with { Duration = TimeSpan.Zero }, "Fault 2 (gust front): Duration (s) must be 1 to 86,400; 0 is outside that range." },
        { s_gust with { GustMph = 250 }, "Fault 2 (gust front): Gust (mph) must be 1 to 100; 250 is outside that range." },
        { s_gust with { DelayPerTurbine = TimeSpan.FromHours(2) }, "Fault 2 (gust front): Delay per turbine (s) must be 0 to 3,600; 7,200 is outside that range." },
        { s_gust with { DriftMphPerMinute = 1 }, "Fault 2 (gust front): Drift (mph per minute) applies to a drifting sensor only; leave it out." },
        { s_gust with { Kind = FaultKind.DriftingSensor, Turbine = "AMA-02", DriftMphPerMinute = 0 },
            "Fault 2 (drifting sensor): Drift (mph per minute) must be 0.01 to 60 either way (negative drifts down); 0 is outside that range." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_fault_out_of_range_is_refused_naming_its_number_the_field_and_the_range(ScriptedFault fault, string expected) =>
        Assert.Equal(expected, FaultFields.Error([s_gust, fault], DailyWindProfile.Off, s_farms));

    [Fact]
    public void More_faults_than_a_run_may_script_are_refused_with_the_limit() =>
        Assert.Equal($"A run may script at most {FaultFields.MaxFaults} faults; this one has {FaultFields.MaxFaults + 1}.",
            FaultFields.Error(Enumerable.Repeat(s_gust, FaultFields.MaxFaults + 1).ToList(), DailyWindProfile.Off, s_farms));

    [Theory]
    [InlineData(25, 15, "Daily amplitude (mph) must be 0 to 20; 25 is outside that range.")]
    [InlineData(5, 24, "Windiest hour (UTC) must be 0 to 24 (not 24 itself); 24 is outside that range.")]
    [InlineData(double.NaN, 15, "Daily amplitude (mph) must be 0 to 20; NaN is outside that range.")]
    public void A_daily_profile_out_of_range_is_refused_naming_the_field(double amplitude, double peakHour, string expected) =>
        Assert.Equal(expected, FaultFields.ProfileError(new DailyWindProfile { AmplitudeMph = amplitude, PeakHourUtc = peakHour }));

    [Theory]
    [InlineData("stuck", FaultKind.StuckSensor)]
    [InlineData("Drift", FaultKind.DriftingSensor)]
    [InlineData(" GustFront ", FaultKind.GustFront)]
    public void A_kind_reads_from_its_short_or_full_name(string text, FaultKind expected)
    {
        Assert.Null(FaultFields.ParseKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_the_choices() =>
        Assert.Equal("Fault must be one of stuck, drift, gust; \"ice\" is not.", FaultFields.ParseKind("ice", out _));

    [Theory]
    [InlineData("abc", "Gust (mph) must be a number from 1 to 100; \"abc\" is not.")]
    [InlineData("", "Gust (mph) must be a number from 1 to 100; it is empty.")]
    [InlineData("101", "Gust (mph) must be 1 to 100; 101 is outside that range.")]
    public void A_typed_number_is_refused_naming_the_field(string text, string expected) =>
        Assert.Equal(expected, FaultFields.ParseNumber(text, FaultFields.Gust, FaultFields.MinGustMph, FaultFields.MaxGustMph, out _));
}
