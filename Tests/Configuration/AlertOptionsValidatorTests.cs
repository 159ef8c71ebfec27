using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Email;

namespace TurbineConsole.Tests.Configuration;

public class AlertOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(AlertOptionsValidator.Errors(new AlertOptions()));
    }

    [Fact]
    public void Enabled_channels_must_be_fully_configured()
    {
        var options = new AlertOptions
        {
            Threshold = double.NaN,
            Webhook = new WebhookChannelOptions { Enabled = true, Url = "ftp://example.com/x" },
        };

        var errors = AlertOptionsValidator.Errors(options)
            .Concat(EmailChannelOptionsValidator.Errors(new EmailChannelOptions { Enabled = true, Port = 0, From = "not an address", To = [], Security = "Maybe" }))
            .Concat(SnsChannelOptionsValidator.Errors(new SnsChannelOptions { Enabled = true, TopicArn = "WindAlerts" }))
            .ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:Threshold must be a positive number"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Port"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:From is not an email address"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:To must list at least one recipient"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Security"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Webhook:Url must be an absolute http or https URL"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Sns:TopicArn must be a topic ARN"));
    }
}
