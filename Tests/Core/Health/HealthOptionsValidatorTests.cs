using TurbineConsole.Pipeline.Health;

namespace TurbineConsole.Tests.Core.Health;

public sealed class HealthOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(HealthOptions.MaxLag), "Pipeline:Health:MaxLag")]
    [InlineData(nameof(HealthOptions.StalledAfter), "Pipeline:Health:StalledAfter")]
    [InlineData(nameof(HealthOptions.FailingAfter), "Pipeline:Health:FailingAfter")]
    [InlineData(nameof(HealthOptions.MinFreeDiskMegabytes), "Pipeline:Health:MinFreeDiskMegabytes")]
    [InlineData(nameof(HealthOptions.BackendTimeout), "Pipeline:Health:BackendTimeout")]
    [InlineData(nameof(HealthOptions.Interval), "Pipeline:Health:Interval")]
    public void A_bad_setting_is_named(string property, string setting)
    {
        var options = new HealthOptions();
        var p = typeof(HealthOptions).GetProperty(property)!;
        p.SetValue(options, p.PropertyType == typeof(long) ? -1L : TimeSpan.FromMilliseconds(-1));

        var result = new HealthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(setting + " must", failure);
    }
}
