namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The in-app channel: the dashboard's alert list and a browser notification.</summary>
public sealed class InAppChannelOptions
{
    /// <summary>Whether the channel delivers.</summary>
    public bool Enabled { get; set; } = true;
}
