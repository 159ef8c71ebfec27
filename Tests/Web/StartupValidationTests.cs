using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>Every validated setting refuses a bad value at start, in the app run as its own process, naming the setting.</summary>
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
    [InlineData("Simulator:RunTable", "a", "Simulator:RunTable: ")]
    [InlineData("Pipeline:Retention:DeadLetters", "00:10:00", "Pipeline:Retention:DeadLetters must be at least 01:00:00")]
    [InlineData("Simulator:AllowedStreams:0", "Test Stream", "Simulator:AllowedStreams: \"Test Stream\": A stream name may contain only")]
    [InlineData("Pipeline:Health:MaxLag", "-00:00:01", "Pipeline:Health:MaxLag must be positive")]
    [InlineData("Dashboard:SilenceAfter", "00:00:01", "Dashboard:SilenceAfter must be 00:00:05 to 01:00:00")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint must be empty (no export) or an http or https URL")]
    [InlineData("Access:Lockout:MaxFailedAttempts", "0", "Access:Lockout:MaxFailedAttempts must be 1 to 100")]
    [InlineData("Access:Hub:MaxGroupsPerConnection", "0", "Access:Hub:MaxGroupsPerConnection must be 1 to 10000")]
    [InlineData("Access:Oidc:Authority", "http://login.example.com/", "Access:Oidc:Authority must be https")]
    [InlineData("Access:Oidc:Authority", "https://login.example.com/", "Access:Oidc:ClientId must be the app's client id")]
    public async Task The_app_refuses_to_start_with_a_bad_setting_and_names_it(string key, string value, string expected)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "turbineconsole-settings-" + Guid.NewGuid().ToString("N"));
        using var app = AppProcess.Start(new Dictionary<string, string> { ["Pipeline:DataDirectory"] = dataDirectory, [key] = value });

        Assert.Equal(StartChecks.BadSettingExitCode, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("TurbineConsole cannot start: " + expected, app.Output);
        Assert.DoesNotContain("   at ", app.Output);
        Assert.False(Directory.Exists(dataDirectory), "A refused start should not have created the data directory.");
    }
}
