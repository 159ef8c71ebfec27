namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The dashboard's channel: raises <see cref="Alerted"/>, which the web app turns into a list entry and a browser notification.</summary>
public sealed class InAppAlertChannel : IAlertChannel
{
    /// <inheritdoc />
    public string Name => "inapp";

    /// <summary>Raised once per incident with its message.</summary>
    public event Action<AlertMessage>? Alerted;

    /// <inheritdoc />
    public Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        Alerted?.Invoke(message);
        return Task.CompletedTask;
    }
}
