using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The SignalR hub at <see cref="Path"/>: a client follows one or more locations and receives what lands in the
/// tables for them (see <see cref="TelemetryHubMethods"/> for the messages). Signed-in users only (the pages' cookie,
/// or a personal API token as <c>Authorization: Bearer</c>), with at most <c>Access:Hub:MaxConnectionsPerUser</c>
/// connections per user and <c>Access:Hub:MaxGroupsPerConnection</c> locations per connection.
/// </summary>
[Authorize(Policy = AccessPolicies.View)]
public sealed class TelemetryHub(HubConnectionLimits limits, ILogger<TelemetryHub> logger) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/telemetry";

    /// <summary>The connection's entry naming the user whose count it is part of.</summary>
    private const string CountedUser = "counted-user";

    /// <summary>The connection's entry holding the groups it follows.</summary>
    private const string Followed = "followed";

    /// <summary>The group name of a location.</summary>
    public static string GroupOf(string location) => "location:" + location;

    /// <summary>Counts the connection against its user's limit, or closes it when the user has the most already.</summary>
    public override Task OnConnectedAsync()
    {
        var user = Context.UserIdentifier ?? "";
        if (!limits.TryOpen(user))
        {
            logger.LogWarning("Closed a telemetry hub connection of {User}: it has {Max} open already (Access:Hub:MaxConnectionsPerUser).",
                Context.User?.Identity?.Name, limits.MaxConnectionsPerUser);
            Context.Abort();
            return Task.CompletedTask;
        }
        Context.Items[CountedUser] = user;
        return base.OnConnectedAsync();
    }

    /// <summary>Uncounts the connection.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(CountedUser, out var user) && user is string name)
            limits.Close(name);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts sending this connection what lands for <paramref name="location"/>.</summary>
    public Task Follow(string location)
    {
        var group = GroupOf(Checked(location));
        var followed = FollowedGroups();
        if (!followed.Contains(group) && followed.Count >= limits.MaxGroupsPerConnection)
        {
            throw new HubException($"A connection follows at most {limits.MaxGroupsPerConnection} locations at a time " +
                "(Access:Hub:MaxGroupsPerConnection): unfollow one first.");
        }
        followed.Add(group);
        return Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>Stops sending this connection what lands for <paramref name="location"/>.</summary>
    public Task Unfollow(string location)
    {
        var group = GroupOf(Checked(location));
        FollowedGroups().Remove(group);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>The groups this connection follows (a hub instance lives for one call; the connection's items stay).</summary>
    private HashSet<string> FollowedGroups()
    {
        if (Context.Items.TryGetValue(Followed, out var value) && value is HashSet<string> set)
            return set;
        var created = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[Followed] = created;
        return created;
    }

    /// <summary>
    /// A location sent by a client, held to the rules every record's names keep (<see cref="SiteNames"/>): anything
    /// else could be no location's name, so it is refused with the rule rather than made into a group.
    /// </summary>
    private static string Checked(string? location) =>
        SiteNames.Problem(location) is { } problem
            ? throw new HubException($"Give the location to follow, for example \"Chicago\": a location name {problem}.")
            : location!;
}
