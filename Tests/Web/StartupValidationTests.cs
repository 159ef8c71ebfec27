using Microsoft.Extensions.Options;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web;

public class StartupValidationTests
{
    [Theory]
    [InlineData("Pipeline:Streams:ShardCount", "0", "Pipeline:Streams:ShardCount must be 1 to 64")]
    [InlineData("Pipeline:Streams:WindData", "Wind Data", "Pipeline:Streams:WindData: A stream name may contain only")]
    [InlineData("Alerts:Threshold", "-1", "Alerts:Threshold must be a positive number")]
    [InlineData("Alerts:MinSpeedMph", "-5", "Alerts:MinSpeedMph must be 0 to 300 mph")]
    [InlineData("Alerts:Retention", "02:00:00", "Alerts:Retention must be at least 1.00:00:00")]
    [InlineData("Alerts:Webhook:Enabled", "true", "Alerts:Webhook:Url must be an absolute https URL")]
    [InlineData("Web:ForwardedHeaders:KnownProxies:0", "proxy.internal", "Web:ForwardedHeaders:KnownProxies: \"proxy.internal\" is not an IP address")]
    [InlineData("Web:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "Web:ForwardedHeaders:KnownNetworks: \"10.0.0.0/33\" is not a network in CIDR form")]
    [InlineData("Web:AllowedOrigins:0", "https://turbines.example.com/dashboard", "Web:AllowedOrigins: \"https://turbines.example.com/dashboard\" is not an origin")]
    [InlineData("Web:Https:Port", "70000", "Web:Https:Port must be 1 to 65535")]
    [InlineData("Simulator:MaxRatePerSecond", "0", "Simulator:MaxRatePerSecond must be 0.1 to 100000")]
    [InlineData("Simulator:AllowedStreams:0", "Test Stream", "Simulator:AllowedStreams: \"Test Stream\": A stream name may contain only")]
    [InlineData("Access:Lockout:MaxFailedAttempts", "0", "Access:Lockout:MaxFailedAttempts must be 1 to 100")]
    [InlineData("Access:Hub:MaxGroupsPerConnection", "0", "Access:Hub:MaxGroupsPerConnection must be 1 to 10000")]
    [InlineData("Access:Oidc:Authority", "http://login.example.com/", "Access:Oidc:Authority must be https")]
    [InlineData("Access:Oidc:Authority", "https://login.example.com/", "Access:Oidc:ClientId must be the app's client id")]
    public void The_app_refuses_to_start_with_a_bad_setting_and_names_it(string key, string value, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = new TurbineConsoleWebApp(new Dictionary<string, string?> { [key] = value });
        });

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        Assert.Contains(expected, validation.Message);
    }

    private static Exception Unwrap(Exception error)
    {
        while (error is not OptionsValidationException && error.InnerException is not null)
            error = error.InnerException;
        return error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
    }
}
