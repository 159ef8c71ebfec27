namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// How long results stay in WindDataTable, MaxWindSpeedTable and WindRollupTable, by their event time: each item carries
/// <see cref="ExpiresAtAttribute"/> (epoch seconds, the form DynamoDB's time to live reads), and the retention sweep
/// deletes items whose sort key (which begins with the event time) is older than the retention.
/// </summary>
public static class TableRetention
{
    /// <summary>The attribute with an item's expiry time in epoch seconds.</summary>
    public const string ExpiresAtAttribute = "expiresAt";

    /// <summary>Sets <paramref name="item"/>'s expiry to <paramref name="eventTime"/> plus <paramref name="retention"/> (none when it is zero: kept for good).</summary>
    public static Item ExpiringAfter(this Item item, DateTimeOffset eventTime, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (retention > TimeSpan.Zero)
        {
            item[ExpiresAtAttribute] = (double)(eventTime + retention).ToUnixTimeSeconds();
        }

        return item;
    }

    /// <summary>The sort key below which items of a table whose sort keys begin with a time have expired at <paramref name="now"/>.</summary>
    public static string SortKeyBefore(DateTimeOffset now, TimeSpan retention) => Records.RecordTime.Format(now - retention);
}
