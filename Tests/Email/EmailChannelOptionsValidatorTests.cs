using TurbineConsole.Pipeline.Email;

namespace TurbineConsole.Tests.Email;

public class EmailChannelOptionsValidatorTests
{
    [Fact]
    public void A_disabled_channel_is_not_checked()
    {
        Assert.Empty(EmailChannelOptionsValidator.Errors(new EmailChannelOptions { Enabled = false, Port = 0, From = "not an address" }));
    }

    [Fact]
    public void An_enabled_channel_must_be_fully_configured()
    {
        var errors = EmailChannelOptionsValidator.Errors(
            new EmailChannelOptions { Enabled = true, Port = 0, From = "not an address", To = [], Security = "Maybe" }).ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Port"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:From is not an email address"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:To must list at least one recipient"));
        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Security"));
    }

    [Fact]
    public void Security_None_with_a_user_name_is_refused_at_start()
    {
        var errors = EmailChannelOptionsValidator.Errors(new EmailChannelOptions { Enabled = true, Security = "None", UserName = "alerts", To = ["m@example.com"] });

        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Security is None while Alerts:Email:UserName is set", StringComparison.Ordinal));
    }
}
