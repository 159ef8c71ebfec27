using Microsoft.AspNetCore.SignalR;
using TurbineConsole.Pipeline.Records;

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
    public Task Follow(string location) => Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(Checked(location)));

    /// <summary>Stops sending this connection what lands for <paramref name="location"/>.</summary>
    public Task Unfollow(string location) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(Checked(location)));

    /// <summary>
    /// A location sent by a client, held to the rules every record's names keep (<see cref="SiteNames"/>): anything
    /// else could be no location's name, so it is refused with the rule rather than made into a group.
    /// </summary>
    private static string Checked(string? location) =>
        SiteNames.Problem(location) is { } problem
            ? throw new HubException($"Give the location to follow, for example \"Chicago\": a location name {problem}.")
            : location!;
}
