using TurbineConsole.Simulator.Web.Operations;

namespace TurbineConsole.Tests.Web.Operations;

public sealed class OtlpExportOptionsValidatorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("http://collector:4317")]
    [InlineData("https://collector.example.com:4318/v1/metrics")]
    public void No_endpoint_or_an_http_url_is_valid(string endpoint) =>
        Assert.True(new OtlpExportOptionsValidator().Validate(null, new OtlpExportOptions { Endpoint = endpoint }).Succeeded);

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector")]
    [InlineData("http://user:secret@collector:4317")]
    public void Another_endpoint_is_refused_naming_the_setting(string endpoint)
    {
        var result = new OtlpExportOptionsValidator().Validate(null, new OtlpExportOptions { Endpoint = endpoint });

        Assert.StartsWith("Telemetry:Otlp:Endpoint must be", Assert.Single(result.Failures!));
        Assert.DoesNotContain("secret", result.FailureMessage);
    }

    [Fact]
    public void An_interval_out_of_range_is_named() =>
        Assert.StartsWith("Telemetry:Otlp:Interval must be", Assert.Single(new OtlpExportOptionsValidator().Validate(null, new OtlpExportOptions { Interval = TimeSpan.Zero }).Failures!));
}
