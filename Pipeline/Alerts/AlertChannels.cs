using TurbineConsole.Pipeline.Alerts.Email;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Builds the channels the settings enable.</summary>
public static class AlertChannels
{
    /// <summary>
    /// The enabled channels: in-app (<paramref name="inApp"/>), email, webhook (over <paramref name="http"/>) and,
    /// when given, <paramref name="extra"/> channels such as SNS that need a backend's client.
    /// </summary>
    public static IReadOnlyList<IAlertChannel> Create(AlertOptions options, HttpClient http, InAppAlertChannel? inApp = null, params IAlertChannel[] extra)
    {
        var channels = new List<IAlertChannel>();
        if (options.InApp.Enabled && inApp is not null)
            channels.Add(inApp);
        if (options.Email.Enabled)
            channels.Add(new SmtpAlertChannel(options.Email));
        if (options.Webhook.Enabled)
            channels.Add(new WebhookAlertChannel(http, options.Webhook));
        channels.AddRange(extra);
        return channels;
    }
}
