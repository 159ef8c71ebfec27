using TurbineConsole.Pipeline.Simulation;

namespace TurbineConsole.Tests.Core.Simulation;

public sealed class SimulatorOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_allow_any_stream_up_to_10000_readings_a_second()
    {
        var options = new SimulatorOptions();

        Assert.Empty(SimulatorOptionsValidator.Errors(options));
        Assert.True(options.Enabled);
        Assert.True(options.Allows("AnyStream"));
        Assert.Equal(10_000, options.MaxRatePerSecond);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.05)]
    [InlineData(100_001)]
    [InlineData(double.NaN)]
    public void A_max_rate_out_of_range_is_named(double rate)
    {
        var errors = SimulatorOptionsValidator.Errors(new SimulatorOptions { MaxRatePerSecond = rate });

        Assert.Contains("Simulator:MaxRatePerSecond must be 0.1 to 100000", Assert.Single(errors));
    }

    [Fact]
    public void An_allowed_stream_against_the_naming_rules_is_named_with_the_rule()
    {
        var errors = SimulatorOptionsValidator.Errors(new SimulatorOptions { AllowedStreams = ["TestStream", "wind data!"] });

        Assert.Contains("Simulator:AllowedStreams: \"wind data!\": A stream name may contain only", Assert.Single(errors));
    }
}
