using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>What people do with incidents: list them, acknowledge them, comment on them, resolve them; and the automatic resolution of quiet ones.</summary>
public sealed class AlertService
{
    /// <summary>The name recorded when the quiet period resolves an incident.</summary>
    public const string System = "system";

    /// <summary>How often <see cref="SweepAsync"/> reads the whole alerts table (to delete expired incidents, and to see changes made elsewhere).</summary>
    public static readonly TimeSpan FullPassInterval = TimeSpan.FromHours(1);

    private readonly AlertStore _store;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;

    /// <summary>The active incidents and when each last changed, for the quiet-period sweep.</summary>
    private readonly ConcurrentDictionary<(string Location, string Id), DateTimeOffset> _active = new();

    /// <summary>When <see cref="SweepAsync"/> last read the whole table, or null before its first call.</summary>
    private DateTimeOffset? _lastFullPass;

    /// <summary>The service over <paramref name="store"/>; it follows the store's changes from now on.</summary>
    public AlertService(AlertStore store, AlertOptions options, TimeProvider? timeProvider = null)
    {
        _store = store;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        store.Changed += Track;
    }

    /// <summary>The store, whose <see cref="AlertStore.Changed"/> event tells about every change.</summary>
    public AlertStore Store => _store;

    /// <summary>The newest incidents first.</summary>
    public Task<IReadOnlyList<Incident>> ListAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        _store.ListAsync(limit, activeOnly: false, cancellationToken);

    /// <summary>The longest comment kept with an acknowledgement or a resolution.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>
    /// Marks an open incident as taken by <paramref name="user"/> (the signed-in user's name), with an optional
    /// <paramref name="comment"/>: notifications not yet delivered are cancelled. Returns the stored incident
    /// (unchanged when it was no longer open).
    /// </summary>
    public Task<Incident> AcknowledgeAsync(string location, string id, string user, string? comment = null, CancellationToken cancellationToken = default)
    {
        var who = RequireUser(user);
        var note = CheckComment(comment);
        return _store.UpdateAsync(location, id, current =>
        {
            if (current.State != IncidentState.Open)
                return null;
            var now = _time.GetUtcNow();
            return (CancelOutstanding(current, now) with { State = IncidentState.Acknowledged, AcknowledgedBy = who, AcknowledgedAt = now, AcknowledgeComment = note })
                .With(new IncidentEvent(now, IncidentEventKind.Acknowledged, who, note));
        }, cancellationToken);
    }

    /// <summary>The most comments an incident holds (its timeline is bounded).</summary>
    public const int MaxComments = 50;

    /// <summary>
    /// Adds <paramref name="comment"/> (required, one line, at most <see cref="MaxCommentLength"/> characters) by
    /// <paramref name="user"/> to the incident's timeline, in any state. Returns the stored incident.
    /// </summary>
    public Task<Incident> CommentAsync(string location, string id, string user, string? comment, CancellationToken cancellationToken = default)
    {
        var who = RequireUser(user, "comment on");
        var note = CheckComment(comment) ?? throw new ArgumentException("comment is required: write what you want to note on the incident (1 to 500 characters).", nameof(comment));
        return _store.UpdateAsync(location, id, current => current.CommentCount >= MaxComments
            ? throw new ArgumentException($"An incident holds at most {MaxComments} comments and this one has {current.CommentCount}; add to the acknowledgement or resolution comment instead.", nameof(comment))
            : current.With(new IncidentEvent(_time.GetUtcNow(), IncidentEventKind.Commented, who, note)), cancellationToken);
    }

    /// <summary>
    /// The active incidents' keys, as <see cref="SweepAsync"/> knows them (reading the whole table first when it has not
    /// yet, or not for <see cref="FullPassInterval"/>): what escalation and re-notification look at.
    /// </summary>
    public async Task<IReadOnlyList<(string Location, string Id)>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_lastFullPass is not { } last || now - last >= FullPassInterval)
        {
            await FullPassAsync(now, cancellationToken);
            _lastFullPass = now;
        }
        return _active.Keys.ToList();
    }

    /// <summary>
    /// Marks an incident as over, by <paramref name="user"/> with an optional <paramref name="comment"/>. Returns the
    /// stored incident (unchanged when it was resolved already).
    /// </summary>
    public Task<Incident> ResolveAsync(string location, string id, string user, string? comment = null, CancellationToken cancellationToken = default)
    {
        var who = RequireUser(user);
        var note = CheckComment(comment);
        return _store.UpdateAsync(location, id, current => current.State == IncidentState.Resolved ? null
            : Resolved(current, who, _time.GetUtcNow(), note), cancellationToken);
    }

    /// <summary>
    /// Resolves, as <see cref="System"/>, every active incident whose location has been quiet (wall clock) for the
    /// quiet period. The active incidents are known without reading the table: a full pass (the first call, then once
    /// per <see cref="FullPassInterval"/>) reads them all, and every change made through the store since keeps the list
    /// current. The full pass also deletes the incidents resolved longer ago than the retention.
    /// </summary>
    public async Task<(int Resolved, int Deleted)> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var deleted = 0;
        if (_lastFullPass is not { } last || now - last >= FullPassInterval)
        {
            deleted = await FullPassAsync(now, cancellationToken);
            _lastFullPass = now;
        }

        var resolved = 0;
        foreach (var ((location, id), updatedAt) in _active)
        {
            if (now - updatedAt < _options.QuietPeriod)
                continue;
            try
            {
                var stored = await _store.UpdateAsync(location, id, current =>
                    current.IsActive && now - current.UpdatedAt >= _options.QuietPeriod ? Resolved(current, System, now) : null, cancellationToken);
                Track(stored);
                if (stored.State == IncidentState.Resolved && stored.ResolvedAt == now && stored.ResolvedBy == System)
                    resolved++;
            }
            catch (KeyNotFoundException)
            {
                _active.TryRemove((location, id), out _);
            }
        }
        return (resolved, deleted);
    }

    /// <summary>Reads every incident: notes the active ones, deletes those resolved longer ago than the retention.</summary>
    private async Task<int> FullPassAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var trackedBefore = _active.Keys.ToHashSet();
        var active = new HashSet<(string, string)>();
        foreach (var incident in await _store.ListAsync(int.MaxValue, activeOnly: false, cancellationToken))
        {
            Track(incident);
            if (incident.IsActive)
            {
                active.Add((incident.Location, incident.Id));
            }
            else if (now - incident.ResolvedAt >= _options.Retention)
            {
                await _store.DeleteAsync(incident, cancellationToken);
                deleted++;
            }
        }
        // Forget what the table no longer holds as active; what changed during the pass was tracked as it changed.
        foreach (var key in trackedBefore.Where(k => !active.Contains(k)))
            _active.TryRemove(key, out _);
        return deleted;
    }

    /// <summary>Keeps <see cref="_active"/> current with a stored incident.</summary>
    private void Track(Incident incident)
    {
        if (incident.IsActive)
            _active[(incident.Location, incident.Id)] = incident.UpdatedAt;
        else
            _active.TryRemove((incident.Location, incident.Id), out _);
    }

    /// <summary>The incident resolved by <paramref name="who"/> (with <paramref name="comment"/>), with its undelivered notifications cancelled, noted on its timeline.</summary>
    internal static Incident Resolved(Incident current, string who, DateTimeOffset now, string? comment = null) =>
        (CancelOutstanding(current, now) with { State = IncidentState.Resolved, ResolvedBy = who, ResolvedAt = now, ResolveComment = comment })
            .With(new IncidentEvent(now, IncidentEventKind.Resolved, who, comment ?? (who == System ? "quiet for the quiet period" : null)));

    /// <summary>The incident with every notification not yet delivered cancelled.</summary>
    internal static Incident CancelOutstanding(Incident incident, DateTimeOffset now) => incident with
    {
        Deliveries = incident.Deliveries.ToImmutableSortedDictionary(
            d => d.Key, d => d.Value.IsOutstanding ? d.Value with { State = DeliveryState.Cancelled } : d.Value, StringComparer.Ordinal),
        UpdatedAt = now,
    };

    /// <summary>The comment trimmed, or null when empty; refused when too long or when it holds control characters (line breaks included).</summary>
    private static string? CheckComment(string? comment)
    {
        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.Length > MaxCommentLength)
            throw new ArgumentException($"A comment is at most {MaxCommentLength} characters; this one has {text.Length}.", nameof(comment));
        return text.Any(char.IsControl) ? throw new ArgumentException("A comment is one line, without control characters.", nameof(comment)) : text;
    }

    private static string RequireUser(string user, string what = "acknowledge or resolve") =>
        string.IsNullOrWhiteSpace(user) ? throw new ArgumentException($"Say who you are: a name is required to {what} an incident.", nameof(user))
        : user.Trim().Length > 100 ? throw new ArgumentException("A name is at most 100 characters.", nameof(user))
        : user.Trim();
}
