using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Incidents in a table. Every change is a read-modify-write conditional on the stored version, retried on a
/// conflict, so the alert function, the dispatcher and a person acknowledging in the UI never overwrite each other.
/// </summary>
public sealed class AlertStore(ITableStore tables, string tableName)
{
    /// <summary>Raised after an incident was created or changed (on the writer's thread).</summary>
    public event Action<Incident>? Changed;

    /// <summary>The table.</summary>
    public string TableName { get; } = tableName;

    /// <summary>
    /// Raises <see cref="Changed"/> for incidents another process wrote (a cluster worker's, relayed to a web process),
    /// so that this process's alert list and hub follow them as if they had been written here. Returns the error of each
    /// item that is not an incident of this table's form; such items are skipped.
    /// </summary>
    public IReadOnlyList<string> Announce(IReadOnlyList<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new List<string>();
        foreach (var item in items)
        {
            Incident incident;
            try
            {
                incident = IncidentItem.ToIncident(item);
            }
            catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
            {
                errors.Add(e.Message);
                continue;
            }
            Changed?.Invoke(incident);
        }
        return errors;
    }

    /// <summary>Creates the table when it is missing.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (await tables.DescribeTableAsync(TableName, cancellationToken) is not null)
            return;
        try
        {
            await tables.CreateTableAsync(IncidentItem.Schema(TableName), cancellationToken);
        }
        catch (TableInUseException)
        {
        }
    }

    /// <summary>The incident, or null.</summary>
    public async Task<Incident?> GetAsync(string location, string id, CancellationToken cancellationToken = default) =>
        await tables.GetItemAsync(TableName, IncidentItem.KeyOf(location, id), cancellationToken) is { } item ? IncidentItem.ToIncident(item) : null;

    /// <summary>Deletes the incident (the retention sweep's end of a resolved incident).</summary>
    public Task DeleteAsync(Incident incident, CancellationToken cancellationToken = default) =>
        tables.DeleteItemAsync(TableName, IncidentItem.KeyOf(incident.Location, incident.Id), cancellationToken);

    /// <summary>The newest incident of a location, or null.</summary>
    public async Task<Incident?> LatestAsync(string location, CancellationToken cancellationToken = default)
    {
        var page = await tables.QueryAsync(TableName, new TableQuery(location) { Ascending = false, Limit = 1 }, cancellationToken);
        return page.Items.Count > 0 ? IncidentItem.ToIncident(page.Items[0]) : null;
    }

    /// <summary>The incident of a location that started at or before <paramref name="sortKey"/> (the newest such), or null.</summary>
    public async Task<Incident?> StartedAtOrBeforeAsync(string location, string sortKey, CancellationToken cancellationToken = default)
    {
        var page = await tables.QueryAsync(TableName, new TableQuery(location) { SortKeyTo = sortKey, Ascending = false, Limit = 1 }, cancellationToken);
        return page.Items.Count > 0 ? IncidentItem.ToIncident(page.Items[0]) : null;
    }

    /// <summary>Stores a new incident; false when one with its id exists already (the same first reading, seen again).</summary>
    public async Task<bool> TryCreateAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        var created = incident with { Version = 1 };
        try
        {
            await tables.PutItemAsync(TableName, IncidentItem.From(created), PutCondition.NotExists, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        Changed?.Invoke(created);
        return true;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored incident and writes the result if it differs, retrying on a
    /// concurrent change. <paramref name="change"/> returns null to leave the incident as it is (no write). Returns the stored incident.
    /// </summary>
    public async Task<Incident> UpdateAsync(string location, string id, Func<Incident, Incident?> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(location, id, cancellationToken)
                ?? throw new KeyNotFoundException($"There is no incident {id} at {location}.");
            var changed = change(current);
            if (changed is null)
                return current;
            var next = changed with { Version = current.Version + 1 };
            try
            {
                await tables.PutItemAsync(TableName, IncidentItem.From(next), PutCondition.AttributeEquals("version", (double)current.Version), cancellationToken);
            }
            catch (ConditionalCheckFailedException) when (attempt < 50)
            {
                continue;
            }
            Changed?.Invoke(next);
            return next;
        }
    }

    /// <summary>The newest incidents first, at most <paramref name="limit"/>, optionally only the active ones (read page by page).</summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(int limit = 100, bool activeOnly = false, CancellationToken cancellationToken = default)
    {
        var incidents = new List<Incident>();
        ItemKey? start = null;
        do
        {
            var page = await tables.ScanAsync(TableName, 500, start, cancellationToken);
            incidents.AddRange(page.Items.Select(IncidentItem.ToIncident).Where(i => !activeOnly || i.IsActive));
            start = page.LastEvaluatedKey;
        } while (start is not null);
        return incidents.OrderByDescending(i => i.FirstSeen).ThenBy(i => i.Location, StringComparer.Ordinal).Take(limit).ToList();
    }
}
