namespace TurbineConsole.Pipeline.Aws;

/// <summary>The SNS channel: the topic alerts are published to (credentials and region come from the AWS default chain).</summary>
public sealed class SnsChannelOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Alerts:Sns";

    /// <summary>Whether the channel delivers.</summary>
    public bool Enabled { get; set; }

    /// <summary>The topic's ARN, for example <c>arn:aws:sns:us-east-1:123456789012:WindAlerts</c>.</summary>
    public string TopicArn { get; set; } = "";
}
