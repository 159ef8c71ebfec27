namespace TurbineConsole.Pipeline.Alerts;

/// <summary>One channel's notification of one incident.</summary>
/// <param name="State">Where it is.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastError">Why the last attempt failed, when it did.</param>
/// <param name="At">When it was sent, when the next attempt is due while retrying, or when the claim lapses while sending.</param>
public sealed record ChannelDelivery(DeliveryState State, int Attempts = 0, string? LastError = null, DateTimeOffset? At = null)
{
    /// <summary>True while the notification may still be sent.</summary>
    public bool IsOutstanding => State is DeliveryState.Pending or DeliveryState.Retrying or DeliveryState.Sending;

    /// <summary>True when a dispatcher may send it at <paramref name="now"/>: outstanding, and neither waiting for a retry nor claimed by another.</summary>
    public bool IsDue(DateTimeOffset now) => IsOutstanding && (At is null || At <= now);
}
