using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TurbineConsole.Pipeline.Tables;
using DynamoValue = Amazon.DynamoDBv2.Model.AttributeValue;
using PortValue = TurbineConsole.Pipeline.Tables.AttributeValue;
using TableNotFoundException = TurbineConsole.Pipeline.Tables.TableNotFoundException;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// The table port on DynamoDB through AWSSDK.DynamoDBv2: tables created on demand (PAY_PER_REQUEST) with the key schema
/// given, numbers stored as N (compared and sorted numerically), conditional puts as condition expressions, paged
/// queries and scans whose LastEvaluatedKey is null exactly on the last page, and batches written with BatchWriteItem in
/// chunks of 25 (keys de-duplicated, last write wins) with UnprocessedItems retried (<see cref="DynamoDbCalls.BatchWriteAsync"/>).
/// Requests are checked against <see cref="DynamoDbRules"/> before they are sent; DynamoDB errors become the port's exceptions.
/// </summary>
public sealed class DynamoDbTableStore : ITableStore
{
    /// <summary>The DynamoDB client (its own retries off: <see cref="DynamoDbCalls"/> retries).</summary>
    private readonly IAmazonDynamoDB _dynamoDb;

    /// <summary>Calls with the shared resilience and error mapping.</summary>
    private readonly DynamoDbCalls _calls;

    /// <summary>Schemas already described, by table name (a table's key schema never changes).</summary>
    private readonly ConcurrentDictionary<string, TableSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>A store over <paramref name="dynamoDb"/>; <paramref name="calls"/> adds retries and error mapping.</summary>
    internal DynamoDbTableStore(IAmazonDynamoDB dynamoDb, DynamoDbCalls calls)
    {
        _dynamoDb = dynamoDb;
        _calls = calls;
    }

    /// <summary>
    /// A store on the DynamoDB endpoint of <paramref name="options"/> with the default chain's credentials and region.
    /// Throws <see cref="AwsConfigurationException"/> when the region or the credentials are missing.
    /// </summary>
    public DynamoDbTableStore(AwsOptions options)
        : this(DynamoDbCalls.CreateClient(options, AwsEnvironment.Resolve(options), out var calls), calls)
    {
    }

    /// <inheritdoc />
    public async Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default)
    {
        DynamoDbRules.ThrowIfInvalidSchema(schema);
        var keys = new List<KeySchemaElement> { new(schema.PartitionKey.Name, KeyType.HASH) };
        var definitions = new List<AttributeDefinition> { new(schema.PartitionKey.Name, ScalarType(schema.PartitionKey)) };
        if (schema.SortKey is { } sortKey)
        {
            keys.Add(new KeySchemaElement(sortKey.Name, KeyType.RANGE));
            definitions.Add(new AttributeDefinition(sortKey.Name, ScalarType(sortKey)));
        }

        await _calls.RunAsync(schema.TableName, token => _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = schema.TableName,
            KeySchema = keys,
            AttributeDefinitions = definitions,
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, token), cancellationToken);
        await _calls.WaitUntilActiveAsync(_dynamoDb, schema.TableName, cancellationToken);
        _schemas[schema.TableName] = schema;
    }

    /// <inheritdoc />
    public async Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        DynamoDbRules.ThrowIfInvalidTableName(tableName);
        try
        {
            var table = (await _calls.RunAsync(tableName, token => _dynamoDb.DescribeTableAsync(tableName, token), cancellationToken)).Table;
            var schema = ToSchema(table);
            _schemas[tableName] = schema;
            return schema;
        }
        catch (TableNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
    {
        var schema = await SchemaAsync(tableName, cancellationToken);
        DynamoDbRules.ThrowIfInvalidItem(schema, item);
        var request = new PutItemRequest { TableName = tableName, Item = ToDynamo(item) };
        if (condition is not null)
        {
            if (condition.ItemMustNotExist)
            {
                request.ConditionExpression = "attribute_not_exists(#pk)";
                request.ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = schema.PartitionKey.Name };
            }
            else
            {
                request.ConditionExpression = "#a = :v";
                request.ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = condition.AttributeName! };
                request.ExpressionAttributeValues = new Dictionary<string, DynamoValue> { [":v"] = ToDynamo(condition.ExpectedValue, condition.AttributeName!) };
            }
        }

        await _calls.RunAsync(tableName, token => _dynamoDb.PutItemAsync(request, token), cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var schema = await SchemaAsync(tableName, cancellationToken);

        // BatchWriteItem refuses two writes of one key in a call; the last write of a key is the one sequential puts would leave.
        var lastOfKey = new Dictionary<(PortValue, PortValue?), int>();
        for (var i = 0; i < items.Count; i++)
        {
            DynamoDbRules.ThrowIfInvalidItem(schema, items[i]);
            lastOfKey[(items[i][schema.PartitionKey.Name], schema.SortKey is { } sortKey ? items[i][sortKey.Name] : (PortValue?)null)] = i;
        }

        var writes = lastOfKey.Values.Order().Select(i => new WriteRequest(new PutRequest(ToDynamo(items[i])))).ToList();
        await _calls.BatchWriteAsync(_dynamoDb, tableName, writes, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var schema = await SchemaAsync(tableName, cancellationToken);
        var answer = await _calls.RunAsync(tableName, token => _dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = ToDynamoKey(schema, key),
            ConsistentRead = true,
        }, token), cancellationToken);
        return answer.Item is { Count: > 0 } found ? ToItem(found) : null;
    }

    /// <inheritdoc />
    public async Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var schema = await SchemaAsync(tableName, cancellationToken);
        await _calls.RunAsync(tableName, token => _dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = ToDynamoKey(schema, key),
        }, token), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var schema = await SchemaAsync(tableName, cancellationToken);
        DynamoDbRules.ThrowIfInvalidQuery(schema, query);
        var names = new Dictionary<string, string> { ["#pk"] = schema.PartitionKey.Name };
        var values = new Dictionary<string, DynamoValue> { [":pk"] = ToDynamo(query.PartitionKey, schema.PartitionKey.Name) };
        var condition = "#pk = :pk";
        if (query.SortKeyFrom is not null || query.SortKeyTo is not null)
        {
            var sortKey = schema.SortKey!;
            names["#sk"] = sortKey.Name;
            if (query.SortKeyFrom is { } from)
            {
                values[":from"] = ToDynamo(from, sortKey.Name);
            }

            if (query.SortKeyTo is { } to)
            {
                values[":to"] = ToDynamo(to, sortKey.Name);
            }

            condition += (query.SortKeyFrom, query.SortKeyTo) switch
            {
                ({ }, { }) => " AND #sk BETWEEN :from AND :to",
                ({ }, null) => " AND #sk >= :from",
                _ => " AND #sk <= :to",
            };
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ScanIndexForward = query.Ascending,
            Limit = query.Limit + 1,
            ExclusiveStartKey = query.ExclusiveStartKey is { } start ? ToDynamoKey(schema, start) : null,
        };
        var answer = await _calls.RunAsync(tableName, token => _dynamoDb.QueryAsync(request, token), cancellationToken);
        return ToPage(schema, answer.Items, answer.LastEvaluatedKey, query.Limit);
    }

    /// <inheritdoc />
    public async Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default)
    {
        DynamoDbRules.ThrowIfInvalidLimit(limit);
        var schema = await SchemaAsync(tableName, cancellationToken);
        var request = new ScanRequest
        {
            TableName = tableName,
            Limit = limit + 1,
            ExclusiveStartKey = exclusiveStartKey is { } start ? ToDynamoKey(schema, start) : null,
        };
        var answer = await _calls.RunAsync(tableName, token => _dynamoDb.ScanAsync(request, token), cancellationToken);
        return ToPage(schema, answer.Items, answer.LastEvaluatedKey, limit);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A filtered Scan of the keys, then BatchWriteItem deletes. Items also carry an <c>expiresAt</c> attribute
    /// (<see cref="TableRetention.ExpiresAtAttribute"/>): with DynamoDB's time to live enabled on it, DynamoDB deletes
    /// them itself and this finds nothing left to do.
    /// </remarks>
    public async Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sortKeyBefore);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var schema = await SchemaAsync(tableName, cancellationToken);
        if (schema.SortKey is not { Type: AttributeType.String } sortKey)
        {
            throw new TableValidationException($"Table {tableName} has no string sort key to delete by.");
        }

        var keys = new List<Dictionary<string, DynamoValue>>();
        Dictionary<string, DynamoValue>? start = null;
        do
        {
            var request = new ScanRequest
            {
                TableName = tableName,
                FilterExpression = "#sk < :before",
                ProjectionExpression = "#pk, #sk",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = schema.PartitionKey.Name, ["#sk"] = sortKey.Name },
                ExpressionAttributeValues = new Dictionary<string, DynamoValue> { [":before"] = new() { S = sortKeyBefore } },
                ExclusiveStartKey = start,
            };
            var answer = await _calls.RunAsync(tableName, token => _dynamoDb.ScanAsync(request, token), cancellationToken);
            keys.AddRange((answer.Items ?? []).Take(limit - keys.Count));
            start = answer.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && keys.Count < limit);

        if (keys.Count > 0)
        {
            await _calls.BatchWriteAsync(_dynamoDb, tableName, keys.Select(k => new WriteRequest(new DeleteRequest(k))).ToList(), cancellationToken);
        }

        return keys.Count;
    }

    /// <summary>An item as DynamoDB attribute values, checking that no value is a default (empty) one.</summary>
    internal static Dictionary<string, DynamoValue> ToDynamo(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = new Dictionary<string, DynamoValue>(item.Count, StringComparer.Ordinal);
        foreach (var (name, value) in item)
        {
            result[name] = ToDynamo(value, name);
        }

        return result;
    }

    /// <summary>One value as a DynamoDB attribute value: S, N (round-trip decimal text), BOOL or NULL.</summary>
    internal static DynamoValue ToDynamo(PortValue value, string name) => value.Type switch
    {
        AttributeType.String when value.S is null => throw new TableValidationException(
            $"One or more parameter values were invalid: attribute {name} holds no value (a default AttributeValue); use AttributeValue.Null for an explicit null."),
        AttributeType.String => new DynamoValue { S = value.S },
        AttributeType.Number => new DynamoValue { N = value.N.ToString("R", CultureInfo.InvariantCulture) },
        AttributeType.Bool => new DynamoValue { BOOL = value.Bool },
        _ => new DynamoValue { NULL = true },
    };

    /// <summary>A DynamoDB item as an item of the port; attribute types the port does not have (B, M, L, sets) are refused by name.</summary>
    internal static Item ToItem(Dictionary<string, DynamoValue> attributes)
    {
        var item = new Item();
        foreach (var (name, value) in attributes)
        {
            item[name] = FromDynamo(value, name);
        }

        return item;
    }

    /// <summary>One DynamoDB value as a value of the port.</summary>
    private static PortValue FromDynamo(DynamoValue value, string name)
    {
        if (value.S is not null)
        {
            return PortValue.FromString(value.S);
        }

        if (value.N is not null)
        {
            return PortValue.FromNumber(double.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (value.BOOL is { } b)
        {
            return PortValue.FromBool(b);
        }

        if (value.NULL is true)
        {
            return PortValue.Null;
        }

        throw new TableException(
            "UnsupportedAttributeType",
            $"Attribute {name} has a DynamoDB type this application does not read (only S, N, BOOL and NULL); it was written by something else.");
    }

    /// <summary>A key of the port as a DynamoDB key, checked against the schema.</summary>
    private static Dictionary<string, DynamoValue> ToDynamoKey(TableSchema schema, ItemKey key)
    {
        DynamoDbRules.ThrowIfKeyMismatch(schema, key);

        var result = new Dictionary<string, DynamoValue> { [schema.PartitionKey.Name] = ToDynamo(key.PartitionKey, schema.PartitionKey.Name) };
        if (schema.SortKey is { } sortKeyAttribute)
        {
            result[sortKeyAttribute.Name] = ToDynamo(key.SortKey!.Value, sortKeyAttribute.Name);
        }

        return result;
    }

    /// <summary>
    /// A page of at most <paramref name="limit"/> items from an answer to a request for <paramref name="limit"/> + 1: when
    /// the extra item came, more remain and the page ends at the last item kept; otherwise DynamoDB's LastEvaluatedKey
    /// (set when it stopped at its 1 MB page size) says whether more remain.
    /// </summary>
    private static ItemPage ToPage(TableSchema schema, List<Dictionary<string, DynamoValue>>? answerItems, Dictionary<string, DynamoValue>? lastEvaluatedKey, int limit)
    {
        var items = (answerItems ?? []).Select(ToItem).ToList();
        if (items.Count > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
            var last = items[^1];
            return new ItemPage(items, new ItemKey(last[schema.PartitionKey.Name], schema.SortKey is { } sk ? last[sk.Name] : (PortValue?)null));
        }

        if (lastEvaluatedKey is not { Count: > 0 })
        {
            return new ItemPage(items, null);
        }

        var key = ToItem(lastEvaluatedKey);
        return new ItemPage(items, new ItemKey(key[schema.PartitionKey.Name], schema.SortKey is { } sortKey ? key[sortKey.Name] : (PortValue?)null));
    }

    /// <summary>The port's schema of a described table.</summary>
    private static TableSchema ToSchema(TableDescription table)
    {
        KeyAttribute Attribute(string name)
        {
            var type = table.AttributeDefinitions.Single(d => d.AttributeName == name).AttributeType;
            return new KeyAttribute(name, type == ScalarAttributeType.N ? AttributeType.Number : AttributeType.String);
        }

        var hash = table.KeySchema.Single(k => k.KeyType == KeyType.HASH).AttributeName;
        var range = table.KeySchema.SingleOrDefault(k => k.KeyType == KeyType.RANGE)?.AttributeName;
        return new TableSchema(table.TableName, Attribute(hash), range is null ? null : Attribute(range));
    }

    /// <summary>DynamoDB's type of a key attribute (S or N; the port's other types cannot be keys).</summary>
    private static ScalarAttributeType ScalarType(KeyAttribute key) => key.Type switch
    {
        AttributeType.String => ScalarAttributeType.S,
        AttributeType.Number => ScalarAttributeType.N,
        _ => throw new TableValidationException($"Key attribute {key.Name} must be a string or a number; {key.Type} cannot be a DynamoDB key."),
    };

    /// <summary>The table's schema, described once and cached; TableNotFoundException for a missing table.</summary>
    private async Task<TableSchema> SchemaAsync(string tableName, CancellationToken cancellationToken)
    {
        if (_schemas.TryGetValue(tableName, out var schema))
        {
            return schema;
        }

        return await DescribeTableAsync(tableName, cancellationToken)
            ?? throw new TableNotFoundException(DynamoDbCalls.NotFoundMessage($"Requested resource not found: Table: {tableName} not found", tableName));
    }
}
