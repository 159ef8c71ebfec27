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
    public void Bad_values_and_an_enabled_webhook_without_a_URL_are_named()
    {
        var options = new AlertOptions
        {
            Threshold = double.NaN,
            Webhook = new WebhookChannelOptions { Enabled = true, Url = "ftp://example.com/x" },
        };

        var errors = AlertOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:Threshold must be a positive number"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Webhook:Url must be an absolute http or https URL"));
    }
}
