using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>Publishes each incident to an SNS topic; its email subscribers get the message, as in the lab.</summary>
public sealed class SnsAlertChannel(SnsPublisher publisher, string topicArn) : IAlertChannel
{
    /// <inheritdoc />
    public string Name => "sns";

    /// <inheritdoc />
    public Task SendAsync(AlertMessage message, CancellationToken cancellationToken) =>
        publisher.PublishAsync(topicArn, SnsPublisher.FitSubject(message.Subject), message.Text, cancellationToken);
}
