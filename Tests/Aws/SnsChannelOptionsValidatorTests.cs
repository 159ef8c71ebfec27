using TurbineConsole.Pipeline.Aws;

namespace TurbineConsole.Tests.Aws;

public class SnsChannelOptionsValidatorTests
{
    [Fact]
    public void An_enabled_channel_needs_a_topic_ARN()
    {
        var error = Assert.Single(SnsChannelOptionsValidator.Errors(new SnsChannelOptions { Enabled = true, TopicArn = "WindAlerts" }));

        Assert.StartsWith("Alerts:Sns:TopicArn must be a topic ARN", error);
        Assert.Empty(SnsChannelOptionsValidator.Errors(new SnsChannelOptions { Enabled = false, TopicArn = "WindAlerts" }));
    }
}
