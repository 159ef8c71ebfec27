namespace TurbineConsole.Pipeline.Alerts;

/// <summary>One channel's notification of one incident.</summary>
/// <param name="State">Where it is.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastError">Why the last attempt failed, when it did.</param>
/// <param name="At">When it was sent, or when the next attempt is due while retrying.</param>
public sealed record ChannelDelivery(DeliveryState State, int Attempts = 0, string? LastError = null, DateTimeOffset? At = null)
{
    /// <summary>True while the notification may still be sent.</summary>
    public bool IsOutstanding => State is DeliveryState.Pending or DeliveryState.Retrying;
}
