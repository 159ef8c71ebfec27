using System.Globalization;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Silences in a table of their own (partition key <c>location</c>, sort key <c>silenceId</c>), through the table port, so
/// they survive a restart on either backend. Changes are conditional on the stored version.
/// </summary>
public sealed class SilenceStore(ITableStore tables, string tableName)
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "location";

    /// <summary>Sort key attribute.</summary>
    public const string SortKey = "silenceId";

    /// <summary>Raised after a silence was created or ended (on the writer's thread).</summary>
    public event Action<Silence>? Changed;

    /// <summary>The table.</summary>
    public string TableName { get; } = tableName;

    /// <summary>Creates the table when it is missing.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (await tables.DescribeTableAsync(TableName, cancellationToken) is not null)
            return;
        try
        {
            await tables.CreateTableAsync(new TableSchema(TableName, new KeyAttribute(PartitionKey, AttributeType.String), new KeyAttribute(SortKey, AttributeType.String)), cancellationToken);
        }
        catch (TableInUseException)
        {
        }
    }

    /// <summary>
    /// Checks <paramref name="draft"/> and stores it as a silence created by <paramref name="user"/> at <paramref name="now"/>;
    /// throws <see cref="ArgumentException"/> with every problem, each naming its field.
    /// </summary>
    public async Task<Silence> CreateAsync(SilenceDraft draft, string user, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var errors = draft.Errors(now).ToList();
        if (string.IsNullOrWhiteSpace(user))
            errors.Add("Say who you are: a name is required to create a silence.");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(draft));
        var start = draft.StartsAt ?? now;
        var silence = new Silence
        {
            Location = draft.Location!.Trim(),
            Id = $"{RecordTime.Format(start)}#{Guid.NewGuid().ToString("N")[..12]}",
            Turbine = string.IsNullOrWhiteSpace(draft.Turbine) ? null : draft.Turbine.Trim(),
            StartsAt = start,
            EndsAt = draft.EndsAt!.Value,
            Reason = draft.Reason!.Trim(),
            CreatedBy = user.Trim(),
            CreatedAt = now,
            Version = 1,
        };
        await tables.PutItemAsync(TableName, From(silence), PutCondition.NotExists, cancellationToken);
        Changed?.Invoke(silence);
        return silence;
    }

    /// <summary>The silence, or null.</summary>
    public async Task<Silence?> GetAsync(string location, string id, CancellationToken cancellationToken = default) =>
        await tables.GetItemAsync(TableName, new ItemKey(location, id), cancellationToken) is { } item ? ToSilence(item) : null;

    /// <summary>
    /// Ends the silence at <paramref name="now"/>, by <paramref name="user"/>; one that has ended already is left as it is.
    /// Returns the stored silence; throws <see cref="KeyNotFoundException"/> when there is none.
    /// </summary>
    public async Task<Silence> EndAsync(string location, string id, string user, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(location, id, cancellationToken) ?? throw new KeyNotFoundException($"There is no silence {id} at {location}.");
            if (current.EndsAt <= now)
                return current;
            var ended = current with { EndsAt = now < current.StartsAt ? current.StartsAt : now, EndedBy = user, Version = current.Version + 1 };
            try
            {
                await tables.PutItemAsync(TableName, From(ended), PutCondition.AttributeEquals("version", (double)current.Version), cancellationToken);
            }
            catch (ConditionalCheckFailedException) when (attempt < 10)
            {
                continue;
            }
            Changed?.Invoke(ended);
            return ended;
        }
    }

    /// <summary>The first silence that matches an incident of <paramref name="location"/> raised by <paramref name="turbine"/> at <paramref name="now"/>, or null.</summary>
    public async Task<Silence?> MatchAsync(string location, string turbine, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ItemKey? start = null;
        do
        {
            var page = await tables.QueryAsync(TableName, new TableQuery(location) { ExclusiveStartKey = start }, cancellationToken);
            if (page.Items.Select(ToSilence).FirstOrDefault(s => s.Matches(location, turbine, now)) is { } match)
                return match;
            start = page.LastEvaluatedKey;
        } while (start is not null);
        return null;
    }

    /// <summary>Every silence: those active or still to come first (soonest end first), then the ended ones (latest end first).</summary>
    public async Task<IReadOnlyList<Silence>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var silences = new List<Silence>();
        ItemKey? start = null;
        do
        {
            var page = await tables.ScanAsync(TableName, 500, start, cancellationToken);
            silences.AddRange(page.Items.Select(ToSilence));
            start = page.LastEvaluatedKey;
        } while (start is not null);
        return silences.OrderBy(s => s.EndsAt <= now).ThenBy(s => s.EndsAt > now ? s.EndsAt.UtcTicks : -s.EndsAt.UtcTicks).ToList();
    }

    /// <summary>Deletes the silences that ended <paramref name="keep"/> or longer before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var silence in await ListAsync(now, cancellationToken))
        {
            if (now - silence.EndsAt < keep)
                continue;
            await tables.DeleteItemAsync(TableName, new ItemKey(silence.Location, silence.Id), cancellationToken);
            deleted++;
        }
        return deleted;
    }

    private static Item From(Silence s)
    {
        var item = new Item
        {
            [PartitionKey] = s.Location,
            [SortKey] = s.Id,
            ["startsAt"] = RecordTime.Format(s.StartsAt),
            ["endsAt"] = RecordTime.Format(s.EndsAt),
            ["reason"] = s.Reason,
            ["createdBy"] = s.CreatedBy,
            ["createdAt"] = RecordTime.Format(s.CreatedAt),
            ["version"] = (double)s.Version,
        };
        if (s.Turbine is not null)
            item["turbine"] = s.Turbine;
        if (s.EndedBy is not null)
            item["endedBy"] = s.EndedBy;
        return item;
    }

    private static Silence ToSilence(Item item) => new()
    {
        Location = item.GetString(PartitionKey),
        Id = item.GetString(SortKey),
        Turbine = item.GetStringOrNull("turbine"),
        StartsAt = Time(item, "startsAt"),
        EndsAt = Time(item, "endsAt"),
        Reason = item.GetString("reason"),
        CreatedBy = item.GetString("createdBy"),
        CreatedAt = Time(item, "createdAt"),
        EndedBy = item.GetStringOrNull("endedBy"),
        Version = (long)(item.GetNumberOrNull("version") ?? 0),
    };

    private static DateTimeOffset Time(Item item, string name) =>
        DateTimeOffset.Parse(item.GetString(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
