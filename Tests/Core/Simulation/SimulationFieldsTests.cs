using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>What a typed value reads as, and that a value out of range gets the same message typed or asked of the simulator.</summary>
public sealed class SimulationFieldsTests
{
    [Theory]
    [InlineData("20", 20)]
    [InlineData(" 0.5 ", 0.5)]
    [InlineData("1,000", 1_000)]
    [InlineData("2.5e3", 2_500)]
    public void A_rate_within_the_range_reads_as_typed(string typed, double expected)
    {
        Assert.Null(SimulationFields.ParseRate(typed, 10_000, out var rate));
        Assert.Equal(expected, rate);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,00")]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("")]
    public void A_rate_that_cannot_be_read_without_guessing_is_refused_as_unreadable(string typed) =>
        Assert.StartsWith("Readings per second must be a number from 0.1 to 10,000;", SimulationFields.ParseRate(typed, 10_000, out _));

    [Theory]
    [InlineData(1e9)]
    [InlineData(0.05)]
    [InlineData(10_000.5)]
    public void A_rate_out_of_range_gets_the_same_message_typed_as_asked_of_the_simulator(double rate)
    {
        var typed = SimulationFields.ParseRate(rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), 10_000, out _);
        var asked = SimulationFields.Error(new SimulationSettings { StreamName = "WindDataStream", ReadingsPerSecond = rate }, 10_000);

        Assert.NotNull(typed);
        Assert.Equal(typed, asked);
    }

    [Theory]
    [InlineData("100000", "Locations must be 1 to 24; 100,000 is outside that range.")]
    [InlineData("1e9", "Locations must be 1 to 24; 1,000,000,000 is outside that range.")]
    [InlineData("3.0", null)]
    [InlineData("3.5", "Locations must be a whole number from 1 to 24; \"3.5\" is not.")]
    public void Locations_are_whole_numbers_from_1_to_24(string typed, string? expected)
    {
        Assert.Equal(expected, SimulationFields.ParseLocations(typed, out var locations));
        if (expected is null)
            Assert.Equal(3, locations);
    }

    [Fact]
    public void An_empty_stop_after_means_no_limit_and_a_number_is_kept_as_typed()
    {
        Assert.Null(SimulationFields.ParseStopAfter("  ", out var none));
        Assert.Null(none);
        Assert.Null(SimulationFields.ParseStopAfter("1,000,000", out var limit));
        Assert.Equal(1_000_000, limit);
    }
}
