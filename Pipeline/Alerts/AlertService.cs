using System.Collections.Immutable;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>What people do with incidents: list them, acknowledge them, resolve them; and the automatic resolution of quiet ones.</summary>
public sealed class AlertService(AlertStore store, AlertOptions options, TimeProvider? timeProvider = null)
{
    /// <summary>The name recorded when the quiet period resolves an incident.</summary>
    public const string System = "system";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The store, whose <see cref="AlertStore.Changed"/> event tells about every change.</summary>
    public AlertStore Store => store;

    /// <summary>The newest incidents first.</summary>
    public Task<IReadOnlyList<Incident>> ListAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        store.ListAsync(limit, activeOnly: false, cancellationToken);

    /// <summary>
    /// Marks an open incident as taken by <paramref name="user"/>: notifications not yet delivered are cancelled.
    /// Returns the stored incident (unchanged when it was no longer open).
    /// </summary>
    public Task<Incident> AcknowledgeAsync(string location, string id, string user, CancellationToken cancellationToken = default)
    {
        var who = RequireUser(user);
        return store.UpdateAsync(location, id, current =>
        {
            if (current.State != IncidentState.Open)
                return null;
            var now = _time.GetUtcNow();
            return CancelOutstanding(current, now) with { State = IncidentState.Acknowledged, AcknowledgedBy = who, AcknowledgedAt = now };
        }, cancellationToken);
    }

    /// <summary>Marks an incident as over. Returns the stored incident (unchanged when it was resolved already).</summary>
    public Task<Incident> ResolveAsync(string location, string id, string user, CancellationToken cancellationToken = default)
    {
        var who = RequireUser(user);
        return store.UpdateAsync(location, id, current => current.State == IncidentState.Resolved ? null : Resolved(current, who, _time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// One pass over the incidents: resolves, as <see cref="System"/>, every active incident whose location has been
    /// quiet (wall clock) for the quiet period, and deletes the incidents resolved longer ago than the retention.
    /// </summary>
    public async Task<(int Resolved, int Deleted)> SweepAsync(CancellationToken cancellationToken = default)
    {
        int resolved = 0, deleted = 0;
        var now = _time.GetUtcNow();
        foreach (var incident in await store.ListAsync(int.MaxValue, activeOnly: false, cancellationToken))
        {
            if (incident.IsActive && now - incident.UpdatedAt >= options.QuietPeriod)
            {
                await store.UpdateAsync(incident.Location, incident.Id, current =>
                    current.IsActive && now - current.UpdatedAt >= options.QuietPeriod ? Resolved(current, System, now) : null, cancellationToken);
                resolved++;
            }
            else if (incident.State == IncidentState.Resolved && now - incident.ResolvedAt >= options.Retention)
            {
                await store.DeleteAsync(incident, cancellationToken);
                deleted++;
            }
        }
        return (resolved, deleted);
    }

    /// <summary>The incident resolved by <paramref name="who"/>, with its undelivered notifications cancelled.</summary>
    internal static Incident Resolved(Incident current, string who, DateTimeOffset now) =>
        CancelOutstanding(current, now) with { State = IncidentState.Resolved, ResolvedBy = who, ResolvedAt = now };

    /// <summary>The incident with every notification not yet delivered cancelled.</summary>
    internal static Incident CancelOutstanding(Incident incident, DateTimeOffset now) => incident with
    {
        Deliveries = incident.Deliveries.ToImmutableSortedDictionary(
            d => d.Key, d => d.Value.IsOutstanding ? d.Value with { State = DeliveryState.Cancelled } : d.Value, StringComparer.Ordinal),
        UpdatedAt = now,
    };

    private static string RequireUser(string user) =>
        string.IsNullOrWhiteSpace(user) ? throw new ArgumentException("Say who you are: a name is required to acknowledge or resolve an incident.", nameof(user))
        : user.Trim().Length > 100 ? throw new ArgumentException("A name is at most 100 characters.", nameof(user))
        : user.Trim();
}
