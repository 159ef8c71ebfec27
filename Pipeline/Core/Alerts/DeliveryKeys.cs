namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// How an incident's deliveries are named: the channel's name for the first notification (as before escalation
/// existed), <c>channel@escalation</c> and <c>channel@reminder</c> for the others, so one channel can hold all three.
/// </summary>
public static class DeliveryKeys
{
    private const char Separator = '@';

    /// <summary>The key of <paramref name="channel"/>'s delivery of a <paramref name="notice"/>.</summary>
    public static string Of(string channel, AlertNotice notice) => notice switch
    {
        AlertNotice.Escalation => channel + Separator + "escalation",
        AlertNotice.Reminder => channel + Separator + "reminder",
        _ => channel,
    };

    /// <summary>The channel and the notice of a delivery key.</summary>
    public static (string Channel, AlertNotice Notice) Parse(string key)
    {
        var at = key.LastIndexOf(Separator);
        if (at < 0)
            return (key, AlertNotice.Raised);
        var notice = key[(at + 1)..] switch
        {
            "escalation" => AlertNotice.Escalation,
            "reminder" => AlertNotice.Reminder,
            _ => AlertNotice.Raised,
        };
        return notice == AlertNotice.Raised ? (key, notice) : (key[..at], notice);
    }
}
