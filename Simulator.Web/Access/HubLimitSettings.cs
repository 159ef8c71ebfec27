namespace TurbineConsole.Simulator.Web.Access;

/// <summary>The <c>Access:Hub</c> settings: how much of the telemetry hub one user may hold.</summary>
public sealed class HubLimitSettings
{
    /// <summary>Open hub connections per user; one more is closed at once.</summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>Locations one connection may follow at a time.</summary>
    public int MaxGroupsPerConnection { get; set; } = 100;
}
