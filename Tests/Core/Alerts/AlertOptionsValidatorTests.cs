using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Tests.Core.Alerts;

public class AlertOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(AlertOptionsValidator.Errors(new AlertOptions()));
    }

    [Fact]
    public void Bad_values_and_an_enabled_webhook_without_a_URL_or_a_secret_are_named()
    {
        var options = new AlertOptions
        {
            Threshold = double.NaN,
            Webhook = new WebhookChannelOptions { Enabled = true, Url = "ftp://example.com/x", SecretEnvironmentVariable = "TURBINECONSOLE_TEST_UNSET_SECRET" },
        };

        var errors = AlertOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:Threshold must be a positive number"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Webhook:Url must be an absolute https URL"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Webhook is enabled but its signing secret is missing") && e.Contains("TURBINECONSOLE_TEST_UNSET_SECRET"));
    }

    [Theory]
    [InlineData("http://hooks.example.com/alerts", false)]
    [InlineData("https://hooks.example.com/alerts", true)]
    [InlineData("http://127.0.0.1:8080/alerts", true)]
    [InlineData("http://localhost:8080/alerts", true)]
    public void A_webhook_goes_over_https_unless_it_stays_on_this_machine(string url, bool accepted)
    {
        var options = new AlertOptions { Webhook = new WebhookChannelOptions { Enabled = true, Url = url, SecretEnvironmentVariable = "PATH" } };

        var errors = AlertOptionsValidator.Errors(options).ToList();

        Assert.Equal(accepted, !errors.Any(e => e.StartsWith("Alerts:Webhook:Url", StringComparison.Ordinal)));
    }
}
