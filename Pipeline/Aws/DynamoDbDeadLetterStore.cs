using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TurbineConsole.Pipeline.DeadLetters;
using ConditionalCheckFailedException = TurbineConsole.Pipeline.Tables.ConditionalCheckFailedException;
using DynamoValue = Amazon.DynamoDBv2.Model.AttributeValue;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Dead letters in a DynamoDB table of their own (<see cref="AwsOptions.DeadLetterTable"/>, created if missing), keyed
/// by <c>consumer</c> and <c>record</c> = stream/shard/sequence number; a conditional put keeps the first of repeated
/// adds. The payload is binary (B); one over <see cref="MaxDataBytes"/> (a record of up to 1 MiB does not fit DynamoDB's
/// 400 KB item) is cut to that size, and the reason says so and gives the original length. Listing and counting read
/// the whole table (or the consumer's partition), which suits the small number of records a pipeline gives up on.
/// </summary>
public sealed class DynamoDbDeadLetterStore : IDeadLetterStore
{
    /// <summary>Most payload bytes kept per dead letter.</summary>
    public const int MaxDataBytes = 300_000;

    /// <summary>Most characters of reason kept per dead letter.</summary>
    private const int MaxReasonLength = 20_000;

    /// <summary>The DynamoDB client.</summary>
    private readonly IAmazonDynamoDB _dynamoDb;

    /// <summary>Retries and error mapping.</summary>
    private readonly DynamoDbCalls _calls;

    /// <summary>The table's name.</summary>
    private readonly string _table;

    /// <summary>Creates the table on first use.</summary>
    private readonly TableReadiness _readiness;

    /// <summary>A store in table <paramref name="tableName"/>, created on first use.</summary>
    internal DynamoDbDeadLetterStore(IAmazonDynamoDB dynamoDb, DynamoDbCalls calls, string tableName)
    {
        _dynamoDb = dynamoDb;
        _calls = calls;
        _table = tableName;
        _readiness = calls.OwnTable(dynamoDb, tableName, hashKey: "consumer", rangeKey: "record");
    }

    /// <summary>
    /// A store in <see cref="AwsOptions.DeadLetterTable"/> on the DynamoDB endpoint of <paramref name="options"/>, with
    /// the default chain's credentials and region.
    /// </summary>
    public DynamoDbDeadLetterStore(AwsOptions options)
        : this(DynamoDbCalls.CreateClient(options, AwsEnvironment.Resolve(options), out var calls), calls, options.DeadLetterTable)
    {
    }

    /// <inheritdoc />
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.Consumer);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.StreamName);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.ShardId);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.SequenceNumber);
        await _readiness.EnsureAsync(cancellationToken);

        var reason = deadLetter.Reason ?? string.Empty;
        var data = deadLetter.Data;
        if (data.Length > MaxDataBytes)
        {
            reason += $" [payload cut to its first {MaxDataBytes} of {data.Length} bytes to fit a DynamoDB item]";
            data = data[..MaxDataBytes];
        }

        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength] + " [reason cut]";
        }

        var item = new Dictionary<string, DynamoValue>
        {
            ["consumer"] = new() { S = deadLetter.Consumer },
            ["record"] = new() { S = $"{deadLetter.StreamName}/{deadLetter.ShardId}/{deadLetter.SequenceNumber}" },
            ["streamName"] = new() { S = deadLetter.StreamName },
            ["shardId"] = new() { S = deadLetter.ShardId },
            ["sequenceNumber"] = new() { S = deadLetter.SequenceNumber },
            ["data"] = new() { B = new MemoryStream(data.ToArray(), writable: false) },
            ["reason"] = new() { S = reason },
            ["failedAt"] = new() { N = deadLetter.FailedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            ["partitionKey"] = new() { S = deadLetter.PartitionKey ?? string.Empty },
        };
        try
        {
            await _calls.RunAsync(_table, token => _dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#c)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = "consumer" },
            }, token), cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already stored by an earlier attempt: keep the first.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? consumer = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var letters = new List<DeadLetter>();
        await ReadAllAsync(consumer, count: false, (items, _) =>
        {
            letters.AddRange(items.Select(i => new DeadLetter(
                i["consumer"].S,
                i["streamName"].S,
                i["shardId"].S,
                i["sequenceNumber"].S,
                i.TryGetValue("data", out var d) && d.B is not null ? d.B.ToArray() : [],
                i.TryGetValue("reason", out var r) ? r.S ?? string.Empty : string.Empty,
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(i["failedAt"].N, CultureInfo.InvariantCulture)),
                i.TryGetValue("partitionKey", out var k) ? k.S ?? string.Empty : string.Empty)));
        }, cancellationToken);
        return letters
            .OrderByDescending(l => l.FailedAt)
            .ThenByDescending(l => l.SequenceNumber.Length)
            .ThenByDescending(l => l.SequenceNumber, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string? consumer = null, CancellationToken cancellationToken = default)
    {
        long total = 0;
        await ReadAllAsync(consumer, count: true, (_, counted) => total += counted, cancellationToken);
        return total;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetterCount>> CountByReasonAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<(string, string, long)>();
        await ReadAllAsync(null, count: false, (items, _) =>
            counts.AddRange(items.Select(i => (i["consumer"].S, i.TryGetValue("reason", out var r) ? r.S ?? string.Empty : string.Empty, 1L))), cancellationToken);
        return DeadLetterReason.CountByCategory(counts);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(IReadOnlyCollection<DeadLetterKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        await _readiness.EnsureAsync(cancellationToken);
        var deleted = 0;
        foreach (var key in keys)
        {
            var answer = await _calls.RunAsync(_table, token => _dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = new Dictionary<string, DynamoValue>
                {
                    ["consumer"] = new() { S = key.Consumer },
                    ["record"] = new() { S = $"{key.StreamName}/{key.ShardId}/{key.SequenceNumber}" },
                },
                ReturnValues = ReturnValue.ALL_OLD,
            }, token), cancellationToken);
            if (answer.Attributes is { Count: > 0 })
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<int> DeleteFailedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var expired = new List<DeadLetterKey>();
        await ReadAllAsync(null, count: false, (items, _) => expired.AddRange(items
            .Where(i => long.Parse(i["failedAt"].N, CultureInfo.InvariantCulture) < cutoffMs)
            .Select(i => new DeadLetterKey(i["consumer"].S, i["streamName"].S, i["shardId"].S, i["sequenceNumber"].S))), cancellationToken);
        return await DeleteAsync(expired, cancellationToken);
    }

    /// <summary>Reads the consumer's partition (Query) or the whole table (Scan), page by page; with <paramref name="count"/>, only counts (items and count of each page to <paramref name="page"/>).</summary>
    private async Task ReadAllAsync(string? consumer, bool count, Action<List<Dictionary<string, DynamoValue>>, int> page, CancellationToken cancellationToken)
    {
        await _readiness.EnsureAsync(cancellationToken);
        Dictionary<string, DynamoValue>? start = null;
        do
        {
            Dictionary<string, DynamoValue>? last;
            if (consumer is null)
            {
                var request = new ScanRequest { TableName = _table, ExclusiveStartKey = start, ConsistentRead = true, Select = count ? Select.COUNT : null };
                var answer = await _calls.RunAsync(_table, token => _dynamoDb.ScanAsync(request, token), cancellationToken);
                page(answer.Items ?? [], answer.Count ?? 0);
                last = answer.LastEvaluatedKey;
            }
            else
            {
                var request = new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "#c = :c",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = "consumer" },
                    ExpressionAttributeValues = new Dictionary<string, DynamoValue> { [":c"] = new() { S = consumer } },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                    Select = count ? Select.COUNT : null,
                };
                var answer = await _calls.RunAsync(_table, token => _dynamoDb.QueryAsync(request, token), cancellationToken);
                page(answer.Items ?? [], answer.Count ?? 0);
                last = answer.LastEvaluatedKey;
            }

            start = last is { Count: > 0 } ? last : null;
        }
        while (start is not null);
    }
}
