namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The <c>Alerts:Policy</c> settings: the default policy of every location an administrator has not set one for.</summary>
public sealed class AlertPolicyOptions
{
    /// <summary>Escalate an open incident nobody acknowledged within this; 00:00:00 (the default) turns escalation off.</summary>
    public TimeSpan EscalateAfter { get; set; }

    /// <summary>The channels an escalation goes to, by name (for example <c>webhook</c> or <c>email-escalation</c>).</summary>
    public List<string> EscalateTo { get; set; } = [];

    /// <summary>Notify an open, unacknowledged incident again this often; 00:00:00 (the default) turns re-notification off.</summary>
    public TimeSpan RenotifyEvery { get; set; }

    /// <summary>How often the alert function looks for incidents due for escalation or a reminder.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Channels that get only escalations, never the first notification or reminders (<c>email-escalation</c> always is one).</summary>
    public List<string> EscalationOnlyChannels { get; set; } = [];

    /// <summary>The name of the email channel to the escalation recipients (<c>Alerts:Email:EscalationTo</c>).</summary>
    public const string EscalationEmailChannel = "email-escalation";

    /// <summary>Whether the channel named <paramref name="channel"/> gets only escalations.</summary>
    public bool IsEscalationOnly(string channel) => channel == EscalationEmailChannel || EscalationOnlyChannels.Contains(channel, StringComparer.Ordinal);

    /// <summary>The default policy these settings describe.</summary>
    public AlertPolicy Default => new()
    {
        Location = AlertPolicy.DefaultLocation,
        EscalateAfter = EscalateAfter > TimeSpan.Zero ? EscalateAfter : null,
        EscalateTo = EscalateTo,
        RenotifyEvery = RenotifyEvery > TimeSpan.Zero ? RenotifyEvery : null,
    };
}
