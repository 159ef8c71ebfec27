using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// Counts the telemetry hub's open connections per user, so that one user (or one leaked API token) cannot hold
/// the hub's memory with thousands of them (<c>Access:Hub:MaxConnectionsPerUser</c>).
/// </summary>
public sealed class HubConnectionLimits(IOptions<AccessOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Most connections per user.</summary>
    public int MaxConnectionsPerUser => options.Value.Hub.MaxConnectionsPerUser;

    /// <summary>Most locations one connection follows.</summary>
    public int MaxGroupsPerConnection => options.Value.Hub.MaxGroupsPerConnection;

    /// <summary>Counts a new connection of <paramref name="user"/>; false (and not counted) when the user has the most already.</summary>
    public bool TryOpen(string user)
    {
        while (true)
        {
            var current = _open.GetValueOrDefault(user);
            if (current >= MaxConnectionsPerUser)
                return false;
            if (current == 0 ? _open.TryAdd(user, 1) : _open.TryUpdate(user, current + 1, current))
                return true;
        }
    }

    /// <summary>Forgets a connection that <see cref="TryOpen"/> counted.</summary>
    public void Close(string user)
    {
        while (_open.TryGetValue(user, out var current))
        {
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(user, current)) : _open.TryUpdate(user, current - 1, current))
                return;
        }
    }

    /// <summary>Open connections of <paramref name="user"/>.</summary>
    public int OpenOf(string user) => _open.GetValueOrDefault(user);
}
