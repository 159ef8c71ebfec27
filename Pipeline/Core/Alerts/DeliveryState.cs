namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Where one channel's notification of one incident is.</summary>
public enum DeliveryState
{
    /// <summary>Not sent yet.</summary>
    Pending,
    /// <summary>The last attempt failed; another will follow after a backoff.</summary>
    Retrying,
    /// <summary>
    /// Claimed by one dispatcher, which is sending it now; if that dispatcher stops before it records the outcome, the
    /// claim lapses (at <see cref="ChannelDelivery.At"/>) and another dispatcher sends it.
    /// </summary>
    Sending,
    /// <summary>Delivered once.</summary>
    Sent,
    /// <summary>Not sent because the incident was acknowledged or resolved first.</summary>
    Cancelled,
    /// <summary>Given up after the configured number of attempts.</summary>
    Failed,
}
