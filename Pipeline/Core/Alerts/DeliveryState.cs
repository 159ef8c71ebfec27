namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Where one channel's notification of one incident is.</summary>
public enum DeliveryState
{
    /// <summary>Not sent yet.</summary>
    Pending,
    /// <summary>The last attempt failed; another will follow after a backoff.</summary>
    Retrying,
    /// <summary>Delivered once.</summary>
    Sent,
    /// <summary>Not sent because the incident was acknowledged or resolved first.</summary>
    Cancelled,
    /// <summary>Given up after the configured number of attempts.</summary>
    Failed,
}
