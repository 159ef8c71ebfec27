using Microsoft.AspNetCore.SignalR;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The SignalR hub at <see cref="Path"/>: a client follows one or more locations and receives what lands in the
/// tables for them (see <see cref="TelemetryHubMethods"/> for the messages).
/// </summary>
public sealed class TelemetryHub : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/telemetry";

    /// <summary>The group name of a location.</summary>
    public static string GroupOf(string location) => "location:" + location;

    /// <summary>Starts sending this connection what lands for <paramref name="location"/>.</summary>
    public async Task Follow(string location)
    {
        if (string.IsNullOrWhiteSpace(location))
            throw new HubException("Give the location to follow, for example \"Chicago\".");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(location));
    }

    /// <summary>Stops sending this connection what lands for <paramref name="location"/>.</summary>
    public Task Unfollow(string location) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(location));
}
