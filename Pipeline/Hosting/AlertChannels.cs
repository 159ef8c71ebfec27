using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Email;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Builds the channels the settings enable, each from the project that holds its library.</summary>
public static class AlertChannels
{
    /// <summary>
    /// The enabled channels: in-app (<paramref name="inApp"/>), email (<paramref name="email"/>, and email-escalation when it
    /// lists escalation recipients), the webhook (over
    /// <paramref name="http"/>) and SNS (through <paramref name="sns"/>, which must be given when that channel is enabled).
    /// </summary>
    public static IReadOnlyList<IAlertChannel> Create(AlertOptions options, HttpClient http, InAppAlertChannel? inApp = null,
        EmailChannelOptions? email = null, SnsChannelOptions? snsOptions = null, SnsPublisher? sns = null)
    {
        var channels = new List<IAlertChannel>();
        if (options.InApp.Enabled && inApp is not null)
            channels.Add(inApp);
        if (email is { Enabled: true })
        {
            channels.Add(new SmtpAlertChannel(email));
            if (email.EscalationTo.Count > 0)
                channels.Add(SmtpAlertChannel.Escalation(email));
        }
        if (options.Webhook.Enabled)
            channels.Add(new WebhookAlertChannel(http, options.Webhook));
        if (snsOptions is { Enabled: true })
            channels.Add(new SnsAlertChannel(sns ?? throw new ArgumentNullException(nameof(sns), "Alerts:Sns is enabled but no SNS publisher was given."), snsOptions.TopicArn));
        return channels;
    }
}
