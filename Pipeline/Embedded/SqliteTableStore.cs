using System.Collections.Concurrent;
using System.Text;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// DynamoDB tables in the embedded database. Key attributes are stored in typed key columns (numbers as SQLite REAL,
/// compared numerically; strings as TEXT, compared by UTF-8 bytes as DynamoDB does), the whole item in a compact
/// typed encoding. Puts replace, conditional puts check inside the write transaction, a batch is one transaction,
/// queries and scans page with ExclusiveStartKey / LastEvaluatedKey (null when no item is left).
/// </summary>
public sealed class SqliteTableStore : ITableStore
{
    /// <summary>The sort-key column's value in tables without a sort key (the column is part of the primary key).</summary>
    private const long NoSortKey = 0;

    /// <summary>The database.</summary>
    private readonly EmbeddedDatabase _db;

    /// <summary>Tables already looked up, by name (a table's schema never changes).</summary>
    private readonly ConcurrentDictionary<string, (long Id, TableSchema Schema)> _tables = new(StringComparer.Ordinal);

    /// <summary>A table store over <paramref name="db"/>.</summary>
    public SqliteTableStore(EmbeddedDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
    }

    /// <inheritdoc />
    public async Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default)
    {
        DynamoDbRules.ThrowIfInvalidSchema(schema);

        var id = await _db.WriteAsync(session =>
        {
            var exists = session.Command("SELECT 1 FROM tables WHERE name = $p0", 1);
            exists.Parameters[0].Value = schema.TableName;
            if (exists.ExecuteScalar() is not null)
            {
                throw new TableInUseException($"Table already exists: {schema.TableName}");
            }

            var insert = session.Command(
                "INSERT INTO tables (name, partition_key_name, partition_key_type, sort_key_name, sort_key_type, created_ms) VALUES ($p0, $p1, $p2, $p3, $p4, $p5) RETURNING id",
                6);
            insert.Parameters[0].Value = schema.TableName;
            insert.Parameters[1].Value = schema.PartitionKey.Name;
            insert.Parameters[2].Value = (int)schema.PartitionKey.Type;
            insert.Parameters[3].Value = (object?)schema.SortKey?.Name ?? DBNull.Value;
            insert.Parameters[4].Value = schema.SortKey is { } s ? (int)s.Type : DBNull.Value;
            insert.Parameters[5].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return (long)insert.ExecuteScalar()!;
        }, cancellationToken);
        _tables[schema.TableName] = (id, schema);
    }

    /// <inheritdoc />
    public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        DynamoDbRules.ThrowIfInvalidTableName(tableName);
        return Task.FromResult(TryGetTable(tableName)?.Schema);
    }

    /// <inheritdoc />
    public async Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        var row = ToRow(schema, item);
        await _db.WriteAsync(session =>
        {
            if (condition is not null)
            {
                var select = session.Command("SELECT body FROM items WHERE table_id = $p0 AND pk = $p1 AND sk = $p2", 3);
                select.Parameters[0].Value = tableId;
                select.Parameters[1].Value = row.PartitionKey;
                select.Parameters[2].Value = row.SortKey;
                var stored = select.ExecuteScalar() as byte[];
                var holds = condition.ItemMustNotExist
                    ? stored is null
                    : stored is not null && condition.AttributeName is { } name && ItemCodec.Find(stored, name) is { } actual && actual == condition.ExpectedValue;
                if (!holds)
                {
                    throw new ConditionalCheckFailedException("The conditional request failed");
                }
            }

            Upsert(session, tableId, row);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var rows = new Row[items.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ToRow(schema, items[i]);
        }

        await _db.WriteAsync(session =>
        {
            foreach (var row in rows)
            {
                Upsert(session, tableId, row);
            }

            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        var (pk, sk) = ToKeyColumns(schema, key);
        var item = _db.Read(session =>
        {
            var select = session.Command("SELECT body FROM items WHERE table_id = $p0 AND pk = $p1 AND sk = $p2", 3);
            select.Parameters[0].Value = tableId;
            select.Parameters[1].Value = pk;
            select.Parameters[2].Value = sk;
            return select.ExecuteScalar() is byte[] body ? ItemCodec.Decode(body) : null;
        });
        return Task.FromResult(item);
    }

    /// <inheritdoc />
    public async Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        var (pk, sk) = ToKeyColumns(schema, key);
        await _db.WriteAsync(session =>
        {
            var delete = session.Command("DELETE FROM items WHERE table_id = $p0 AND pk = $p1 AND sk = $p2", 3);
            delete.Parameters[0].Value = tableId;
            delete.Parameters[1].Value = pk;
            delete.Parameters[2].Value = sk;
            return delete.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        DynamoDbRules.ThrowIfInvalidQuery(schema, query);
        var pk = ToColumn(query.PartitionKey);
        var from = query.SortKeyFrom is { } f ? ToColumn(f) : null;
        var to = query.SortKeyTo is { } t ? ToColumn(t) : null;
        var start = query.ExclusiveStartKey is { } startKey ? ToKeyColumns(schema, startKey).SortKey : null;

        var sql = new StringBuilder("SELECT body FROM items WHERE table_id = $p0 AND pk = $p1");
        if (from is not null)
        {
            sql.Append(" AND sk >= $p2");
        }

        if (to is not null)
        {
            sql.Append(" AND sk <= $p3");
        }

        if (start is not null)
        {
            sql.Append(query.Ascending ? " AND sk > $p4" : " AND sk < $p4");
        }

        sql.Append(query.Ascending ? " ORDER BY sk ASC LIMIT $p5" : " ORDER BY sk DESC LIMIT $p5");
        var text = sql.ToString();
        var page = _db.Read(session =>
        {
            var command = session.Command(text, 6);
            command.Parameters[0].Value = tableId;
            command.Parameters[1].Value = pk;
            command.Parameters[2].Value = from ?? DBNull.Value;
            command.Parameters[3].Value = to ?? DBNull.Value;
            command.Parameters[4].Value = start ?? DBNull.Value;
            command.Parameters[5].Value = query.Limit + 1;
            return ReadPage(command, schema, query.Limit);
        });
        return Task.FromResult(page);
    }

    /// <inheritdoc />
    public async Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sortKeyBefore);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (tableId, schema) = GetTable(tableName);
        if (schema.SortKey is not { Type: AttributeType.String })
        {
            throw new TableValidationException($"Table {tableName} has no string sort key to delete by.");
        }

        // The partitions on a read connection (the writer goes on meanwhile), then each partition's expired key range,
        // one short write transaction per partition, so that a large expiry never holds the writer for long.
        var partitions = _db.Read(session =>
        {
            var select = session.Command("SELECT DISTINCT pk FROM items WHERE table_id = $p0", 1);
            select.Parameters[0].Value = tableId;
            using var reader = select.ExecuteReader();
            var keys = new List<object>();
            while (reader.Read())
            {
                keys.Add(reader.GetValue(0));
            }

            return keys;
        });
        var deleted = 0;
        foreach (var pk in partitions)
        {
            if (deleted >= limit)
            {
                break;
            }

            deleted += await _db.WriteAsync(session =>
            {
                var delete = session.Command(
                    "DELETE FROM items WHERE table_id = $p0 AND pk = $p1 AND sk IN (SELECT sk FROM items WHERE table_id = $p0 AND pk = $p1 AND sk < $p2 LIMIT $p3)", 4);
                delete.Parameters[0].Value = tableId;
                delete.Parameters[1].Value = pk;
                delete.Parameters[2].Value = sortKeyBefore;
                delete.Parameters[3].Value = limit - deleted;
                return delete.ExecuteNonQuery();
            }, cancellationToken);
        }

        return deleted;
    }

    /// <inheritdoc />
    public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        DynamoDbRules.ThrowIfInvalidLimit(limit);
        object? startPk = null, startSk = null;
        if (exclusiveStartKey is not null)
        {
            DynamoDbRules.ThrowIfKeyMismatch(schema, exclusiveStartKey, "The provided starting key is invalid: The provided key element does not match the schema");
            (startPk, startSk) = ToKeyColumns(schema, exclusiveStartKey);
        }

        var text = startPk is null
            ? "SELECT body FROM items WHERE table_id = $p0 ORDER BY pk, sk LIMIT $p3"
            : "SELECT body FROM items WHERE table_id = $p0 AND (pk, sk) > ($p1, $p2) ORDER BY pk, sk LIMIT $p3";
        var page = _db.Read(session =>
        {
            var command = session.Command(text, 4);
            command.Parameters[0].Value = tableId;
            command.Parameters[1].Value = startPk ?? DBNull.Value;
            command.Parameters[2].Value = startSk ?? DBNull.Value;
            command.Parameters[3].Value = limit + 1;
            return ReadPage(command, schema, limit);
        });
        return Task.FromResult(page);
    }

    /// <summary>Reads up to <paramref name="limit"/> items (the command asks for one more, to know whether more remain).</summary>
    private static ItemPage ReadPage(Microsoft.Data.Sqlite.SqliteCommand command, TableSchema schema, int limit)
    {
        var items = new List<Item>(Math.Min(limit, 256));
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(ItemCodec.Decode(reader.GetFieldValue<byte[]>(0)));
            }
        }

        ItemKey? last = null;
        if (more)
        {
            var lastItem = items[^1];
            last = new ItemKey(lastItem[schema.PartitionKey.Name], schema.SortKey is { } sk ? lastItem[sk.Name] : (AttributeValue?)null);
        }

        return new ItemPage(items, last);
    }

    /// <summary>Inserts or replaces one row.</summary>
    private static void Upsert(DatabaseSession session, long tableId, Row row)
    {
        var upsert = session.Command(
            "INSERT INTO items (table_id, pk, sk, body) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT (table_id, pk, sk) DO UPDATE SET body = excluded.body", 4);
        upsert.Parameters[0].Value = tableId;
        upsert.Parameters[1].Value = row.PartitionKey;
        upsert.Parameters[2].Value = row.SortKey;
        upsert.Parameters[3].Value = row.Body;
        upsert.ExecuteNonQuery();
    }

    /// <summary>Checks an item against DynamoDB's rules and the table's key schema and encodes it.</summary>
    private static Row ToRow(TableSchema schema, Item item)
    {
        DynamoDbRules.ThrowIfInvalidItem(schema, item);
        var pk = ToColumn(item[schema.PartitionKey.Name]);
        var sk = schema.SortKey is { } sortKey ? ToColumn(item[sortKey.Name]) : NoSortKey;
        return new Row(pk, sk, ItemCodec.Encode(item));
    }

    /// <summary>The key columns of <paramref name="key"/>, checked against the schema.</summary>
    private static (object PartitionKey, object SortKey) ToKeyColumns(TableSchema schema, ItemKey key)
    {
        DynamoDbRules.ThrowIfKeyMismatch(schema, key);
        return (ToColumn(key.PartitionKey), key.SortKey is { } value ? ToColumn(value) : NoSortKey);
    }

    /// <summary>A key value as SQLite stores it: REAL for numbers, TEXT for strings.</summary>
    private static object ToColumn(AttributeValue value) => value.Type switch
    {
        AttributeType.String => value.S ?? throw new TableValidationException("A key value holds no string (a default AttributeValue)."),
        AttributeType.Number => value.N,
        _ => throw new TableValidationException($"Key attributes must be strings or numbers; {value} is neither."),
    };

    /// <summary>The table's id and schema, or TableNotFoundException.</summary>
    private (long Id, TableSchema Schema) GetTable(string tableName)
    {
        DynamoDbRules.ThrowIfInvalidTableName(tableName);
        return TryGetTable(tableName) ?? throw new TableNotFoundException($"Requested resource not found: Table: {tableName} not found");
    }

    /// <summary>The table's id and schema from the cache or the database, or null.</summary>
    private (long Id, TableSchema Schema)? TryGetTable(string tableName)
    {
        if (_tables.TryGetValue(tableName, out var cached))
        {
            return cached;
        }

        var loaded = _db.Read<(long, TableSchema)?>(session =>
        {
            var select = session.Command(
                "SELECT id, partition_key_name, partition_key_type, sort_key_name, sort_key_type FROM tables WHERE name = $p0", 1);
            select.Parameters[0].Value = tableName;
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var partitionKey = new KeyAttribute(reader.GetString(1), (AttributeType)reader.GetInt32(2));
            var sortKey = reader.IsDBNull(3) ? null : new KeyAttribute(reader.GetString(3), (AttributeType)reader.GetInt32(4));
            return (reader.GetInt64(0), new TableSchema(tableName, partitionKey, sortKey));
        });
        return loaded is { } found ? _tables.GetOrAdd(tableName, found) : null;
    }

    /// <summary>An item ready to store: its key columns and encoded body.</summary>
    private readonly record struct Row(object PartitionKey, object SortKey, byte[] Body);
}
