namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The signed-in user's IP address for the audit log, per circuit: a Blazor circuit has no HttpContext of its own, so
/// the page request that started it passes the address down (Routes sets it; the component's parameters are protected
/// by the server, so the browser cannot change them).
/// </summary>
public sealed class ClientAddress
{
    /// <summary>The address, or null when unknown.</summary>
    public string? Value { get; set; }
}
