namespace TurbineConsole.Pipeline.Alerts;

/// <summary>One way of reaching the maintenance team (in-app, email, SNS, webhook).</summary>
public interface IAlertChannel
{
    /// <summary>The channel's name, as stored with each incident's deliveries (for example <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Delivers the message once; throws when it could not (the dispatcher retries with backoff).</summary>
    Task SendAsync(AlertMessage message, CancellationToken cancellationToken);
}
