namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The webhook channel: a JSON POST per incident, for chat and paging tools.</summary>
public sealed class WebhookChannelOptions
{
    /// <summary>Whether the channel delivers.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where to POST: https, or http only to a loopback address (a relay on the same machine).</summary>
    public string Url { get; set; } = "";

    /// <summary>
    /// Name of the environment variable that holds the signing secret (never in the settings file): every POST carries
    /// <c>X-TurbineConsole-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.
    /// </summary>
    public string SecretEnvironmentVariable { get; set; } = "TURBINECONSOLE_WEBHOOK_SECRET";

    /// <summary>How long one POST may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
