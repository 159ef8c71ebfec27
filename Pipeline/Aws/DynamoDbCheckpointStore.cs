using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Tables;
using ConditionalCheckFailedException = TurbineConsole.Pipeline.Tables.ConditionalCheckFailedException;
using DynamoValue = Amazon.DynamoDBv2.Model.AttributeValue;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Checkpoints in a DynamoDB table of their own (<see cref="AwsOptions.CheckpointTable"/>, created if missing), keyed by
/// <c>id</c> = consumer/stream/shard and <c>part</c>. A job's state is binary (B). DynamoDB items hold at most 400 KB
/// and a Random Cut Forest state is often larger, so a large state is split into chunk items of a new generation
/// (<c>part</c> = generation#index), written first; then the <c>head</c> item, which names the generation and the
/// sequence number, is replaced in one PutItem: that single write is what makes position and state change together. A
/// crash before it leaves the previous checkpoint whole. Chunks of older generations are deleted after the head moved.
/// Small states are kept inside the head item.
/// The head also holds the shard's owner epoch in a cluster (<c>ownerEpoch</c>, <c>owner</c>): a claim raises it with a
/// conditional UpdateItem (a head that holds only the epoch is no checkpoint yet), and a fenced save's PutItem carries a
/// <c>ConditionExpression</c> on it, so the commit point itself refuses a worker that lost the shard. A generation's name
/// starts with the epoch that wrote it, and a save deletes only chunks of its own epoch or older ones: a worker that lost
/// the shard never deletes its successor's chunks.
/// </summary>
public sealed class DynamoDbCheckpointStore : ICheckpointStore
{
    /// <summary>Largest state kept inside the head item.</summary>
    public const int InlineStateBytes = 300_000;

    /// <summary>Bytes of state per chunk item (under DynamoDB's 400 KB item limit with room for the keys).</summary>
    public const int ChunkBytes = 350_000;

    /// <summary>The sort key of the head item.</summary>
    private const string Head = "head";

    /// <summary>The DynamoDB client.</summary>
    private readonly IAmazonDynamoDB _dynamoDb;

    /// <summary>Retries and error mapping.</summary>
    private readonly DynamoDbCalls _calls;

    /// <summary>The table's name.</summary>
    private readonly string _table;

    /// <summary>Creates the table on first use.</summary>
    private readonly TableReadiness _readiness;

    /// <summary>Per checkpoint id, who this store claimed it for (kept in the head of its fenced saves).</summary>
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    /// <summary>Per checkpoint id, whether chunks other than the current generation's may be stored (absent: unknown).</summary>
    private readonly ConcurrentDictionary<string, bool> _staleChunksMayExist = new(StringComparer.Ordinal);

    /// <summary>A store in table <paramref name="tableName"/>, created on first use.</summary>
    internal DynamoDbCheckpointStore(IAmazonDynamoDB dynamoDb, DynamoDbCalls calls, string tableName)
    {
        _dynamoDb = dynamoDb;
        _calls = calls;
        _table = tableName;
        _readiness = calls.OwnTable(dynamoDb, tableName, hashKey: "id", rangeKey: "part");
    }

    /// <summary>
    /// A store in <see cref="AwsOptions.CheckpointTable"/> on the DynamoDB endpoint of <paramref name="options"/>, with the
    /// default chain's credentials and region.
    /// </summary>
    public DynamoDbCheckpointStore(AwsOptions options)
        : this(DynamoDbCalls.CreateClient(options, AwsEnvironment.Resolve(options), out var calls), calls, options.CheckpointTable)
    {
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default)
    {
        var id = Id(consumer, streamName, shardId);
        await _readiness.EnsureAsync(cancellationToken);
        var head = await GetPartAsync(id, Head, cancellationToken);
        if (head is null || !head.ContainsKey("sequenceNumber"))
        {
            _staleChunksMayExist[id] = true; // a crashed first save may have left chunks without a head
            return null;
        }

        var sequence = head["sequenceNumber"].S;
        var chunks = int.Parse(head["chunks"].N, CultureInfo.InvariantCulture);
        var length = long.Parse(head["length"].N, CultureInfo.InvariantCulture);
        byte[] state;
        if (chunks == 0)
        {
            state = head.TryGetValue("state", out var inline) && inline.B is not null ? inline.B.ToArray() : [];
        }
        else
        {
            var generation = head["generation"].S;
            using var buffer = new MemoryStream((int)length);
            for (var i = 0; i < chunks; i++)
            {
                var chunk = await GetPartAsync(id, ChunkKey(generation, i), cancellationToken)
                    ?? throw new TableException("CheckpointCorrupt", $"Checkpoint {id} in table {_table} names chunk {i} of generation {generation}, which is missing.");
                chunk["state"].B.WriteTo(buffer);
            }

            state = buffer.ToArray();
        }

        if (state.LongLength != length)
        {
            throw new TableException("CheckpointCorrupt", $"Checkpoint {id} in table {_table} holds {state.LongLength} bytes of state; its head says {length}.");
        }

        _staleChunksMayExist.TryAdd(id, true);
        return new Checkpoint(consumer, streamName, shardId, sequence, state);
    }

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) => SaveAsync(checkpoint, null, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) => SaveAsync(checkpoint, (long?)ownerEpoch, cancellationToken);

    /// <inheritdoc />
    public async Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var id = Id(consumer, streamName, shardId);
        await _readiness.EnsureAsync(cancellationToken);
        while (true)
        {
            var head = await GetPartAsync(id, Head, cancellationToken);
            var current = Epoch(head);
            var values = new Dictionary<string, DynamoValue>
            {
                [":next"] = new() { N = (current + 1).ToString(CultureInfo.InvariantCulture) },
                [":owner"] = new() { S = owner },
                [":at"] = new() { N = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            };
            if (current > 0)
                values[":current"] = new() { N = current.ToString(CultureInfo.InvariantCulture) };
            try
            {
                await _calls.RunAsync(_table, token => _dynamoDb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _table,
                    Key = new Dictionary<string, DynamoValue> { ["id"] = new() { S = id }, ["part"] = new() { S = Head } },
                    UpdateExpression = "SET ownerEpoch = :next, #owner = :owner, claimedAt = :at",
                    ConditionExpression = current > 0 ? "ownerEpoch = :current" : "attribute_not_exists(ownerEpoch)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#owner"] = "owner" },
                    ExpressionAttributeValues = values,
                }, token), cancellationToken);
                _owners[id] = owner;
                return current + 1;
            }
            catch (ConditionalCheckFailedException)
            {
                // Another claim came between the read and the write: read its epoch and go above it.
            }
        }
    }

    /// <inheritdoc />
    public async Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default)
    {
        var id = Id(consumer, streamName, shardId);
        await _readiness.EnsureAsync(cancellationToken);
        var head = await GetPartAsync(id, Head, cancellationToken);
        var epoch = Epoch(head);
        if (epoch == 0)
            return null;
        return new ShardOwner(epoch, head!.TryGetValue("owner", out var owner) ? owner.S : "",
            head.TryGetValue("claimedAt", out var at) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at.N, CultureInfo.InvariantCulture)) : DateTimeOffset.MinValue);
    }

    /// <summary>The owner epoch a head holds; 0 when none (never claimed, or saved unfenced since).</summary>
    private static long Epoch(Dictionary<string, DynamoValue>? head) =>
        head is not null && head.TryGetValue("ownerEpoch", out var epoch) && epoch.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

    /// <summary>Replaces the checkpoint; with an owner epoch, only while it is still the shard's (the head's PutItem is conditional on it).</summary>
    private async Task SaveAsync(Checkpoint checkpoint, long? ownerEpoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.SequenceNumber);
        var id = Id(checkpoint.Consumer, checkpoint.StreamName, checkpoint.ShardId);
        await _readiness.EnsureAsync(cancellationToken);
        var state = checkpoint.State;
        var head = new Dictionary<string, DynamoValue>
        {
            ["id"] = new() { S = id },
            ["part"] = new() { S = Head },
            ["sequenceNumber"] = new() { S = checkpoint.SequenceNumber },
            ["length"] = new() { N = state.Length.ToString(CultureInfo.InvariantCulture) },
            ["savedAt"] = new() { N = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        };

        var generation = string.Empty;
        if (state.Length <= InlineStateBytes)
        {
            head["chunks"] = new() { N = "0" };
            head["state"] = new() { B = Stream(state) };
        }
        else
        {
            generation = Generation(ownerEpoch ?? 0);
            var writes = new List<WriteRequest>();
            var count = 0;
            for (var offset = 0; offset < state.Length; offset += ChunkBytes, count++)
            {
                writes.Add(new WriteRequest(new PutRequest(new Dictionary<string, DynamoValue>
                {
                    ["id"] = new() { S = id },
                    ["part"] = new() { S = ChunkKey(generation, count) },
                    ["state"] = new() { B = Stream(state.Slice(offset, Math.Min(ChunkBytes, state.Length - offset))) },
                })));
            }

            // At most 25 items and 16 MB per BatchWriteItem: 25 chunks of 350 KB are 8.75 MB.
            await _calls.BatchWriteAsync(_dynamoDb, _table, writes, cancellationToken);

            head["chunks"] = new() { N = count.ToString(CultureInfo.InvariantCulture) };
            head["generation"] = new() { S = generation };
        }

        var put = new PutItemRequest { TableName = _table, Item = head };
        if (ownerEpoch is { } epoch)
        {
            head["ownerEpoch"] = new() { N = epoch.ToString(CultureInfo.InvariantCulture) };
            if (_owners.TryGetValue(id, out var owner))
                head["owner"] = new() { S = owner };
            put.ConditionExpression = "ownerEpoch = :epoch";
            put.ExpressionAttributeValues = new Dictionary<string, DynamoValue> { [":epoch"] = new() { N = epoch.ToString(CultureInfo.InvariantCulture) } };
        }

        // The commit point: position and state change together here (and, fenced, only for the shard's current owner).
        try
        {
            await _calls.RunAsync(_table, token => _dynamoDb.PutItemAsync(put, token), cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new OwnershipLostException(checkpoint.Consumer, checkpoint.StreamName, checkpoint.ShardId, ownerEpoch ?? 0,
                "another worker has claimed it since (a newer owner epoch in " + _table + ").");
        }

        if (!_staleChunksMayExist.TryGetValue(id, out var stale) || stale)
        {
            await DeleteChunksExceptAsync(id, generation, ownerEpoch ?? long.MaxValue, cancellationToken);
        }

        _staleChunksMayExist[id] = generation.Length > 0;
    }

    /// <summary>The partition key of a checkpoint.</summary>
    private static string Id(string consumer, string streamName, string shardId)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        return $"{consumer}/{streamName}/{shardId}";
    }

    /// <summary>A new generation's name: the owner epoch that writes it (12 digits), a dot, a unique id.</summary>
    private static string Generation(long ownerEpoch) => ownerEpoch.ToString("D12", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N");

    /// <summary>The owner epoch a chunk's sort key was written under (0 for generations named before epochs were).</summary>
    private static long ChunkEpoch(string part) =>
        part.Length > 13 && part[12] == '.' && long.TryParse(part.AsSpan(0, 12), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : 0;

    /// <summary>The sort key of chunk <paramref name="index"/> of <paramref name="generation"/>.</summary>
    private static string ChunkKey(string generation, int index) => $"{generation}#{index.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Bytes as the stream a DynamoDB B value holds, without copying when possible.</summary>
    private static MemoryStream Stream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>One item of the table, read consistently, or null.</summary>
    private async Task<Dictionary<string, DynamoValue>?> GetPartAsync(string id, string part, CancellationToken cancellationToken)
    {
        var answer = await _calls.RunAsync(_table, token => _dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, DynamoValue> { ["id"] = new() { S = id }, ["part"] = new() { S = part } },
            ConsistentRead = true,
        }, token), cancellationToken);
        return answer.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// Deletes every chunk of the checkpoint that is not of <paramref name="keep"/> (older generations, crashed saves)
    /// and was written under owner epoch <paramref name="upToEpoch"/> or an older one.
    /// </summary>
    private async Task DeleteChunksExceptAsync(string id, string keep, long upToEpoch, CancellationToken cancellationToken)
    {
        var stale = new List<WriteRequest>();
        Dictionary<string, DynamoValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "id = :id",
                ExpressionAttributeValues = new Dictionary<string, DynamoValue> { [":id"] = new() { S = id } },
                ProjectionExpression = "id, part",
                ConsistentRead = true,
                ExclusiveStartKey = start,
            };
            var answer = await _calls.RunAsync(_table, token => _dynamoDb.QueryAsync(request, token), cancellationToken);
            foreach (var item in answer.Items ?? [])
            {
                var part = item["part"].S;
                if (part != Head && (keep.Length == 0 || !part.StartsWith(keep + "#", StringComparison.Ordinal)) && ChunkEpoch(part) <= upToEpoch)
                {
                    stale.Add(new WriteRequest(new DeleteRequest(item)));
                }
            }

            start = answer.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        await _calls.BatchWriteAsync(_dynamoDb, _table, stale, cancellationToken);
    }
}
