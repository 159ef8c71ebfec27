namespace TurbineConsole.Pipeline.Email;

/// <summary>The email channel: SMTP server and addresses. The password is read from an environment variable, never from the settings file.</summary>
public sealed class EmailChannelOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Alerts:Email";

    /// <summary>Whether the channel delivers.</summary>
    public bool Enabled { get; set; }

    /// <summary>SMTP server host.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>SMTP server port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Transport security: <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>; <c>Auto</c> lets the client choose by port.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "turbineconsole@localhost";

    /// <summary>Recipients: the maintenance team.</summary>
    public List<string> To { get; set; } = [];

    /// <summary>
    /// Recipients of escalations (for example the on-call engineer or a supervisor): when set, a second channel,
    /// <c>email-escalation</c>, mails them only when an incident is escalated (<c>Alerts:Policy</c>).
    /// </summary>
    public List<string> EscalationTo { get; set; } = [];

    /// <summary>User name for SMTP authentication; none when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Name of the environment variable that holds the SMTP password.</summary>
    public string PasswordEnvironmentVariable { get; set; } = "TURBINECONSOLE_SMTP_PASSWORD";

    /// <summary>How long one send may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
