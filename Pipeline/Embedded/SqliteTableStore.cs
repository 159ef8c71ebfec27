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
    /// <summary>The largest item DynamoDB accepts (400 KB).</summary>
    private const int MaxItemBytes = 400 * 1024;

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
        ArgumentNullException.ThrowIfNull(schema);
        ThrowIfInvalidName(schema.TableName);
        CheckKeyAttribute(schema.PartitionKey, "partition");
        if (schema.SortKey is { } sortKey)
        {
            CheckKeyAttribute(sortKey, "sort");
            if (sortKey.Name == schema.PartitionKey.Name)
            {
                throw new TableValidationException($"Invalid KeySchema: the partition key and the sort key are both named '{sortKey.Name}'.");
            }
        }

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
        }, cancellationToken).ConfigureAwait(false);
        _tables[schema.TableName] = (id, schema);
    }

    /// <inheritdoc />
    public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidName(tableName);
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
        }, cancellationToken).ConfigureAwait(false);
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
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        ArgumentNullException.ThrowIfNull(key);
        var (pk, sk) = ToKeyColumns(schema, key, "The provided key element does not match the schema");
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
        ArgumentNullException.ThrowIfNull(key);
        var (pk, sk) = ToKeyColumns(schema, key, "The provided key element does not match the schema");
        await _db.WriteAsync(session =>
        {
            var delete = session.Command("DELETE FROM items WHERE table_id = $p0 AND pk = $p1 AND sk = $p2", 3);
            delete.Parameters[0].Value = tableId;
            delete.Parameters[1].Value = pk;
            delete.Parameters[2].Value = sk;
            return delete.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfInvalidLimit(query.Limit);
        if (query.PartitionKey.Type != schema.PartitionKey.Type)
        {
            throw new TableValidationException(
                $"One or more parameter values were invalid: Condition parameter type does not match schema type (key {schema.PartitionKey.Name} is {TypeName(schema.PartitionKey.Type)}, the query gave {TypeName(query.PartitionKey.Type)})");
        }

        var pk = ToColumn(query.PartitionKey);
        object? from = null, to = null, start = null;
        if (query.SortKeyFrom is not null || query.SortKeyTo is not null)
        {
            var sortKey = schema.SortKey
                ?? throw new TableValidationException($"Query condition missed key schema element: table {schema.TableName} has no sort key, so a sort-key range cannot be given.");
            from = query.SortKeyFrom is { } f ? SortBound(sortKey, f) : null;
            to = query.SortKeyTo is { } t ? SortBound(sortKey, t) : null;
        }

        if (query.ExclusiveStartKey is { } startKey)
        {
            var (startPk, startSk) = ToKeyColumns(schema, startKey, "The provided starting key is invalid: The provided key element does not match the schema");
            if (!Equals(startPk, pk))
            {
                throw new TableValidationException("The provided starting key is invalid: its partition key is not the one queried.");
            }

            start = startSk;
        }

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
    public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default)
    {
        var (tableId, schema) = GetTable(tableName);
        ThrowIfInvalidLimit(limit);
        object? startPk = null, startSk = null;
        if (exclusiveStartKey is not null)
        {
            (startPk, startSk) = ToKeyColumns(schema, exclusiveStartKey, "The provided starting key is invalid: The provided key element does not match the schema");
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

    /// <summary>Checks an item against the table's key schema and size limit and encodes it.</summary>
    private static Row ToRow(TableSchema schema, Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var (name, value) in item)
        {
            if (value.Type == AttributeType.String && value.S is null)
            {
                throw new TableValidationException(
                    $"One or more parameter values were invalid: attribute {name} holds no value (a default AttributeValue); use AttributeValue.Null for an explicit null.");
            }
        }

        var pk = KeyColumn(schema.PartitionKey, item);
        var sk = schema.SortKey is { } sortKey ? KeyColumn(sortKey, item) : NoSortKey;
        var body = ItemCodec.Encode(item);
        if (body.Length > MaxItemBytes)
        {
            throw new TableValidationException($"Item size has exceeded the maximum allowed size ({body.Length} bytes encoded; at most {MaxItemBytes}).");
        }

        return new Row(pk, sk, body);
    }

    /// <summary>The column value of key attribute <paramref name="key"/> in <paramref name="item"/>, with DynamoDB's errors.</summary>
    private static object KeyColumn(KeyAttribute key, Item item)
    {
        if (!item.TryGetValue(key.Name, out var value))
        {
            throw new TableValidationException($"One or more parameter values were invalid: Missing the key {key.Name} in the item");
        }

        if (value.Type != key.Type)
        {
            throw new TableValidationException(
                $"One or more parameter values were invalid: Type mismatch for key {key.Name} expected: {TypeName(key.Type)} actual: {TypeName(value.Type)}");
        }

        if (value.Type == AttributeType.String && value.S!.Length == 0)
        {
            throw new TableValidationException(
                $"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: {key.Name}");
        }

        return ToColumn(value);
    }

    /// <summary>The key columns of <paramref name="key"/>, checked against the schema.</summary>
    private static (object PartitionKey, object SortKey) ToKeyColumns(TableSchema schema, ItemKey key, string message)
    {
        var sortMatches = schema.SortKey is { } sortKey
            ? key.SortKey is { } s && s.Type == sortKey.Type
            : key.SortKey is null;
        if (key.PartitionKey.Type != schema.PartitionKey.Type || !sortMatches)
        {
            throw new TableValidationException(
                $"{message} (table {schema.TableName} is keyed by {schema.PartitionKey.Name} ({TypeName(schema.PartitionKey.Type)})"
                + (schema.SortKey is { } sk ? $" and {sk.Name} ({TypeName(sk.Type)}))" : ")"));
        }

        return (ToColumn(key.PartitionKey), key.SortKey is { } value ? ToColumn(value) : NoSortKey);
    }

    /// <summary>A sort-key bound as a column value, checked against the sort key's type.</summary>
    private static object SortBound(KeyAttribute sortKey, AttributeValue bound) =>
        bound.Type == sortKey.Type
            ? ToColumn(bound)
            : throw new TableValidationException(
                $"One or more parameter values were invalid: Condition parameter type does not match schema type (key {sortKey.Name} is {TypeName(sortKey.Type)}, the bound is {TypeName(bound.Type)})");

    /// <summary>A key value as SQLite stores it: REAL for numbers, TEXT for strings.</summary>
    private static object ToColumn(AttributeValue value) => value.Type switch
    {
        AttributeType.String => value.S ?? throw new TableValidationException("A key value holds no string (a default AttributeValue)."),
        AttributeType.Number => value.N,
        _ => throw new TableValidationException($"Key attributes must be strings or numbers; {value} is neither."),
    };

    /// <summary>DynamoDB's name for an attribute type.</summary>
    private static string TypeName(AttributeType type) => type switch
    {
        AttributeType.String => "S",
        AttributeType.Number => "N",
        AttributeType.Bool => "BOOL",
        _ => "NULL",
    };

    /// <summary>Checks a key attribute of a new table.</summary>
    private static void CheckKeyAttribute(KeyAttribute key, string role)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(key.Name) || key.Name.Length > 255)
        {
            throw new TableValidationException($"The {role} key's attribute name must be 1 to 255 characters long; '{key.Name}' is not.");
        }

        if (key.Type is not (AttributeType.String or AttributeType.Number))
        {
            throw new TableValidationException(
                $"1 validation error detected: Value '{TypeName(key.Type)}' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S] (the {role} key {key.Name} must be a string or a number)");
        }
    }

    /// <summary>DynamoDB's error for a page size below 1.</summary>
    private static void ThrowIfInvalidLimit(int limit)
    {
        if (limit < 1)
        {
            throw new TableValidationException($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
    }

    /// <summary>Throws DynamoDB's ValidationException for a bad table name.</summary>
    private static void ThrowIfInvalidName(string tableName)
    {
        const string rule = "A table name is 3 to 255 characters: letters, digits, '_', '.' and '-'.";
        if (tableName is null || tableName.Length < 3)
        {
            throw new TableValidationException($"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3. {rule}");
        }

        if (tableName.Length > 255)
        {
            throw new TableValidationException($"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255. {rule}");
        }

        foreach (var c in tableName)
        {
            if (!StreamRules.IsNameChar(c))
            {
                throw new TableValidationException(
                    $"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+. The character '{c}' is not allowed. {rule}");
            }
        }
    }

    /// <summary>The table's id and schema, or TableNotFoundException.</summary>
    private (long Id, TableSchema Schema) GetTable(string tableName)
    {
        ThrowIfInvalidName(tableName);
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
