using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class DashboardOptionsValidatorTests
{
    [Fact]
    public void The_default_silence_is_valid() =>
        Assert.True(new DashboardOptionsValidator().Validate(null, new DashboardOptions()).Succeeded);

    [Theory]
    [InlineData("00:00:04")]
    [InlineData("-00:01:00")]
    [InlineData("01:00:01")]
    public void A_silence_out_of_range_is_refused_naming_the_setting_and_the_range(string silence)
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions { SilenceAfter = TimeSpan.Parse(silence, System.Globalization.CultureInfo.InvariantCulture) });

        var message = Assert.Single(result.Failures!);
        Assert.StartsWith("Dashboard:SilenceAfter must be 00:00:05 to 01:00:00", message);
        Assert.EndsWith($"it is {silence}.", message);
    }
}
