namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The webhook channel: a JSON POST per incident, for chat and paging tools.</summary>
public sealed class WebhookChannelOptions
{
    /// <summary>Whether the channel delivers.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where to POST (http or https).</summary>
    public string Url { get; set; } = "";

    /// <summary>How long one POST may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
