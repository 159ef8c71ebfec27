namespace TurbineConsole.Simulator.Web.Access;

/// <summary>One line of the audit log: who did what, when, from where.</summary>
public sealed class AuditEntry
{
    /// <summary>Row id, increasing: the log is read newest first by it.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The user's name (for a failed sign-in, the name that was typed), or null when unknown.</summary>
    public string? UserName { get; set; }

    /// <summary>What happened, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, in words ("Anomaly dataset into WindDataStream at 20/s").</summary>
    public string Detail { get; set; } = "";

    /// <summary>The client's IP address, as the app saw it (the proxy's forwarded address when a proxy is listed).</summary>
    public string? RemoteAddress { get; set; }
}
