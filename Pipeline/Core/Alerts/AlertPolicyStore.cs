using System.Globalization;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// The per-location overrides of the alert policy, in a table of their own (partition key <c>location</c>) through the
/// table port, so they survive a restart on either backend; a location without one follows <see cref="Default"/>.
/// </summary>
public sealed class AlertPolicyStore(ITableStore tables, string tableName, AlertPolicy defaultPolicy)
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "location";

    /// <summary>Raised after a location's policy was set or removed (with the policy now in force).</summary>
    public event Action<AlertPolicy>? Changed;

    /// <summary>The table.</summary>
    public string TableName { get; } = tableName;

    /// <summary>The default policy, from the settings.</summary>
    public AlertPolicy Default { get; } = defaultPolicy;

    /// <summary>Creates the table when it is missing.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (await tables.DescribeTableAsync(TableName, cancellationToken) is not null)
            return;
        try
        {
            await tables.CreateTableAsync(new TableSchema(TableName, new KeyAttribute(PartitionKey, AttributeType.String)), cancellationToken);
        }
        catch (TableInUseException)
        {
        }
    }

    /// <summary>The location's override, or null when it follows the default.</summary>
    public async Task<AlertPolicy?> GetAsync(string location, CancellationToken cancellationToken = default) =>
        await tables.GetItemAsync(TableName, new ItemKey(location), cancellationToken) is { } item ? ToPolicy(item) : null;

    /// <summary>The policy in force at <paramref name="location"/>: its override, or the default (named after the location).</summary>
    public async Task<AlertPolicy> EffectiveAsync(string location, CancellationToken cancellationToken = default) =>
        await GetAsync(location, cancellationToken) ?? Default with { Location = location };

    /// <summary>Every override, by location.</summary>
    public async Task<IReadOnlyList<AlertPolicy>> ListAsync(CancellationToken cancellationToken = default)
    {
        var policies = new List<AlertPolicy>();
        ItemKey? start = null;
        do
        {
            var page = await tables.ScanAsync(TableName, 500, start, cancellationToken);
            policies.AddRange(page.Items.Select(ToPolicy));
            start = page.LastEvaluatedKey;
        } while (start is not null);
        return policies.OrderBy(p => p.Location, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Stores <paramref name="policy"/> (made by <see cref="AlertPolicy.Parse"/>) as its location's override, replacing any.</summary>
    public async Task SaveAsync(AlertPolicy policy, CancellationToken cancellationToken = default)
    {
        if (policy.IsDefault || policy.Location == AlertPolicy.DefaultLocation)
            throw new ArgumentException("Only a location's own policy, set by someone, is stored; the default comes from the settings.", nameof(policy));
        await tables.PutItemAsync(TableName, From(policy), cancellationToken: cancellationToken);
        Changed?.Invoke(policy);
    }

    /// <summary>Removes the location's override: it follows the default again.</summary>
    public async Task RemoveAsync(string location, CancellationToken cancellationToken = default)
    {
        await tables.DeleteItemAsync(TableName, new ItemKey(location), cancellationToken);
        Changed?.Invoke(Default with { Location = location });
    }

    private static Item From(AlertPolicy p)
    {
        var item = new Item
        {
            [PartitionKey] = p.Location,
            ["updatedBy"] = p.UpdatedBy!,
            ["updatedAt"] = RecordTime.Format(p.UpdatedAt!.Value),
        };
        if (p.EscalateAfter is { } after)
            item["escalateAfterSeconds"] = after.TotalSeconds;
        if (p.EscalateTo.Count > 0)
            item["escalateTo"] = string.Join(",", p.EscalateTo);
        if (p.RenotifyEvery is { } every)
            item["renotifyEverySeconds"] = every.TotalSeconds;
        return item;
    }

    private static AlertPolicy ToPolicy(Item item) => new()
    {
        Location = item.GetString(PartitionKey),
        EscalateAfter = item.GetNumberOrNull("escalateAfterSeconds") is { } after ? TimeSpan.FromSeconds(after) : null,
        EscalateTo = item.GetStringOrNull("escalateTo") is { } to ? to.Split(',', StringSplitOptions.RemoveEmptyEntries) : [],
        RenotifyEvery = item.GetNumberOrNull("renotifyEverySeconds") is { } every ? TimeSpan.FromSeconds(every) : null,
        UpdatedBy = item.GetString("updatedBy"),
        UpdatedAt = DateTimeOffset.Parse(item.GetString("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
    };
}
