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

    [Theory]
    [InlineData("00:00:00", false)]
    [InlineData("00:00:00.500", false)]
    [InlineData("00:00:01", true)]
    [InlineData("01:00:00", true)]
    [InlineData("01:00:01", false)]
    public void A_delivery_claim_holds_one_second_to_one_hour(string claim, bool accepted)
    {
        var errors = AlertOptionsValidator.Errors(new AlertOptions { DeliveryClaim = TimeSpan.Parse(claim, System.Globalization.CultureInfo.InvariantCulture) }).ToList();

        Assert.Equal(accepted ? [] : [$"Alerts:DeliveryClaim must be 00:00:01 to 01:00:00; it is {TimeSpan.Parse(claim, System.Globalization.CultureInfo.InvariantCulture)}."], errors);
    }

    [Fact]
    public void Bad_policy_settings_and_tables_are_named_with_what_they_must_be()
    {
        var options = new AlertOptions
        {
            PolicyTable = "AlertsTable",
            SilenceTable = "x",
            Policy = new AlertPolicyOptions { EscalateAfter = TimeSpan.FromDays(2), RenotifyEvery = TimeSpan.FromSeconds(10), CheckInterval = TimeSpan.Zero },
        };

        var errors = AlertOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:SilenceTable: A table name must have at least 3 characters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Table, Alerts:PolicyTable and Alerts:SilenceTable must be three different tables", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Policy:EscalateAfter must be 00:00:00 (off) to 1.00:00:00; it is 2.00:00:00", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Policy:RenotifyEvery must be at least 00:01:00 when on", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Policy:EscalateTo must name at least one channel", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Policy:CheckInterval must be more than 00:00:00", StringComparison.Ordinal));
    }
}
