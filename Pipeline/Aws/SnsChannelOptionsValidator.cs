using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>Checks the <c>Alerts:Sns</c> settings at start (when the channel is enabled).</summary>
public sealed class SnsChannelOptionsValidator : SettingsValidator<SnsChannelOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(SnsChannelOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when the channel is disabled.</summary>
    public static IEnumerable<string> Errors(SnsChannelOptions o)
    {
        if (o.Enabled && !o.TopicArn.StartsWith("arn:", StringComparison.Ordinal))
            yield return $"{SnsChannelOptions.Section}:TopicArn must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:WindAlerts; it is '{o.TopicArn}'.";
    }
}
