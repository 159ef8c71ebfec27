using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Kinesis Data Streams in the embedded database: shards chosen by the MD5 of the partition key, per-shard
/// increasing sequence numbers that are never reused (also across restarts), shard iterators that expire after five
/// minutes, retention (records older than it are no longer read and are deleted at most once a minute, during puts),
/// and resharding (SplitShard, MergeShards, UpdateShardCount as their splits and merges): a closed shard keeps its records,
/// read to its end it answers without a next iterator and names its children, and a child's sequence numbers start above
/// every sequence number of the stream, so they keep growing from parent to child.
/// </summary>
public sealed class SqliteStreamClient : IStreamClient
{
    /// <summary>How long records are kept when a stream is created without a retention: 24 hours, as in Kinesis.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(24);

    /// <summary>How often expired records are deleted, at most.</summary>
    private static readonly TimeSpan s_trimInterval = TimeSpan.FromMinutes(1);

    /// <summary>Most record keys one trim transaction deletes, so that a large trim does not hold the writer long.</summary>
    private const long TrimChunk = 20_000;

    /// <summary>The database.</summary>
    private readonly EmbeddedDatabase _db;

    /// <summary>The clock for arrival times, iterator expiry and retention.</summary>
    private readonly TimeProvider _time;

    /// <summary>Streams already looked up, by name; replaced when a split or merge adds shards.</summary>
    private readonly ConcurrentDictionary<string, StreamInfo> _streams = new(StringComparer.Ordinal);

    /// <summary>When each stream (by database id) was last trimmed, Unix ms.</summary>
    private readonly ConcurrentDictionary<long, long> _lastTrimMs = new();

    /// <summary>Retention of streams created without one.</summary>
    private readonly TimeSpan _retention;

    /// <summary>
    /// A stream client over <paramref name="db"/>; <paramref name="timeProvider"/> defaults to the system clock and
    /// <paramref name="retention"/>, the retention of streams created without one, to <see cref="DefaultRetention"/>.
    /// </summary>
    public SqliteStreamClient(EmbeddedDatabase db, TimeProvider? timeProvider = null, TimeSpan? retention = null)
    {
        _retention = retention ?? DefaultRetention;
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) =>
        CreateStreamAsync(streamName, shardCount, _retention, cancellationToken);

    /// <summary>Creates a stream that keeps records for <paramref name="retention"/>; throws <see cref="ResourceInUseException"/> if it exists.</summary>
    public async Task CreateStreamAsync(string streamName, int shardCount, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        KinesisRules.ThrowIfInvalidShardCount(shardCount);
        if (shardCount > StreamFormats.MaxShardCount)
        {
            throw new StreamValidationException(
                "LimitExceededException",
                $"This request would exceed the shard limit: a stream here has at most {StreamFormats.MaxShardCount} shards, and {shardCount} were asked for.");
        }

        if (retention < TimeSpan.FromMilliseconds(1))
        {
            throw new StreamValidationException($"The retention period must be positive; {retention} was given.");
        }

        var createdMs = NowMs();
        var info = await _db.WriteAsync(session =>
        {
            var exists = session.Command("SELECT 1 FROM streams WHERE name = $p0", 1);
            exists.Parameters[0].Value = streamName;
            if (exists.ExecuteScalar() is not null)
            {
                throw new ResourceInUseException($"Stream {streamName} under account {StreamFormats.AccountId} already exists.");
            }

            var insertStream = session.Command(
                "INSERT INTO streams (name, shard_count, retention_ms, created_ms) VALUES ($p0, $p1, $p2, $p3) RETURNING id", 4);
            insertStream.Parameters[0].Value = streamName;
            insertStream.Parameters[1].Value = shardCount;
            insertStream.Parameters[2].Value = (long)retention.TotalMilliseconds;
            insertStream.Parameters[3].Value = createdMs;
            var streamId = (long)insertStream.ExecuteScalar()!;

            var ranges = new HashKeyRanges(shardCount);
            var shards = new ShardInfo[shardCount];
            var insertShard = session.Command(
                "INSERT INTO shards (stream_id, shard_index, starting_hash_key, ending_hash_key, next_sequence, last_arrival_ms) VALUES ($p0, $p1, $p2, $p3, 1, 0) RETURNING id",
                4);
            for (var i = 0; i < shardCount; i++)
            {
                insertShard.Parameters[0].Value = streamId;
                insertShard.Parameters[1].Value = i;
                insertShard.Parameters[2].Value = HashKeyRanges.Format(ranges.StartingHashKey(i));
                insertShard.Parameters[3].Value = HashKeyRanges.Format(ranges.EndingHashKey(i));
                var dbId = (long)insertShard.ExecuteScalar()!;
                if (dbId > RecordKeys.MaxShardId)
                {
                    throw new StreamValidationException("LimitExceededException", $"This database holds the most shards it can ({RecordKeys.MaxShardId}).");
                }

                shards[i] = new ShardInfo(i, dbId, ranges.StartingHashKey(i), ranges.EndingHashKey(i), -1, -1, 0, -1);
            }

            return new StreamInfo(streamId, streamName, (long)retention.TotalMilliseconds, createdMs, shards);
        }, cancellationToken);
        _streams[streamName] = info;
    }

    /// <inheritdoc />
    public Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default)
    {
        var stream = GetStream(streamName);
        return Task.FromResult(new StreamDescription(
            stream.Name, "ACTIVE", stream.OpenShards.Count, TimeSpan.FromMilliseconds(stream.RetentionMs), DateTimeOffset.FromUnixTimeMilliseconds(stream.CreatedMs)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken = default)
    {
        var names = _db.Read(session =>
        {
            var command = session.Command("SELECT name FROM streams ORDER BY name", 0);
            using var reader = command.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        });
        return Task.FromResult<IReadOnlyList<string>>(names);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardDescription>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default)
    {
        // Read afresh: another client of the same file may have split or merged shards since.
        var stream = LoadStream(streamName) ?? throw new ResourceNotFoundException(StreamFormats.StreamNotFound(streamName));
        _streams[streamName] = stream;
        return Task.FromResult<IReadOnlyList<ShardDescription>>(stream.Shards.Select(s => Describe(stream, s)).ToArray());
    }

    /// <summary>A shard as ListShards gives it.</summary>
    private static ShardDescription Describe(StreamInfo stream, ShardInfo shard) => new(
        shard.ShardId,
        HashKeyRanges.Format(shard.StartingHashKey),
        HashKeyRanges.Format(shard.EndingHashKey),
        shard.ParentIndex < 0 ? null : stream.Shards[shard.ParentIndex].ShardId,
        shard.AdjacentParentIndex < 0 ? null : stream.Shards[shard.AdjacentParentIndex].ShardId,
        StreamFormats.FormatSequence(shard.StartingSequence),
        shard.IsOpen ? null : StreamFormats.FormatSequence(shard.EndingSequence));

    /// <inheritdoc />
    public async Task SplitShardAsync(string streamName, string shardToSplit, string newStartingHashKey, CancellationToken cancellationToken = default)
    {
        var hashKey = KinesisRules.ParseHashKey(newStartingHashKey, "newStartingHashKey");
        await ReshardAsync(streamName, [shardToSplit], stream =>
        {
            var shard = stream.Shards[GetShardIndex(stream, shardToSplit)];
            KinesisRules.ThrowIfInvalidSplit(stream.Name, Describe(stream, shard), hashKey);
            return ([shard], [(shard.StartingHashKey, hashKey - 1, shard.Index, -1), (hashKey, shard.EndingHashKey, shard.Index, -1)]);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task MergeShardsAsync(string streamName, string shardToMerge, string adjacentShardToMerge, CancellationToken cancellationToken = default)
    {
        await ReshardAsync(streamName, [shardToMerge, adjacentShardToMerge], stream =>
        {
            var shard = stream.Shards[GetShardIndex(stream, shardToMerge)];
            var adjacent = stream.Shards[GetShardIndex(stream, adjacentShardToMerge)];
            KinesisRules.CheckMerge(stream.Name, Describe(stream, shard), Describe(stream, adjacent));
            var (lower, upper) = shard.StartingHashKey < adjacent.StartingHashKey ? (shard, adjacent) : (adjacent, shard);
            return ([shard, adjacent], [(lower.StartingHashKey, upper.EndingHashKey, shard.Index, adjacent.Index)]);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ShardCountUpdate> UpdateShardCountAsync(string streamName, int targetShardCount, CancellationToken cancellationToken = default)
    {
        GetStream(streamName);
        if (targetShardCount > StreamFormats.MaxShardCount)
        {
            throw new StreamValidationException(
                "LimitExceededException",
                $"UpdateShardCount failed for stream {streamName}: a stream here has at most {StreamFormats.MaxShardCount} shards, and {targetShardCount} were asked for.");
        }

        return UniformScaling.ApplyAsync(this, streamName, targetShardCount, cancellationToken);
    }

    /// <summary>
    /// One split or merge, in one transaction on the stream as it is in the file: <paramref name="plan"/> checks the request
    /// and names the shards to close and the children to open (hash-key range, parent, adjacent parent). The closed shards
    /// end at their last sequence number; the children start above every sequence number of the stream.
    /// </summary>
    private async Task ReshardAsync(string streamName, string[] shardIds,
        Func<StreamInfo, (ShardInfo[] Close, (UInt128 Start, UInt128 End, int Parent, int AdjacentParent)[] Open)> plan, CancellationToken cancellationToken)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        foreach (var id in shardIds)
        {
            if (string.IsNullOrEmpty(id))
                throw new StreamValidationException("1 validation error detected: Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        var updated = await _db.WriteAsync(session =>
        {
            var stream = LoadStream(session, streamName) ?? throw new ResourceNotFoundException(StreamFormats.StreamNotFound(streamName));
            var (close, open) = plan(stream);
            if (stream.OpenShards.Count - close.Length + open.Length > StreamFormats.MaxShardCount)
            {
                throw new StreamValidationException(
                    "LimitExceededException",
                    $"This request would exceed the shard limit: a stream here has at most {StreamFormats.MaxShardCount} open shards, and {streamName} has {stream.OpenShards.Count}.");
            }

            var selectNext = session.Command("SELECT max(next_sequence) FROM shards WHERE stream_id = $p0", 1);
            selectNext.Parameters[0].Value = stream.Id;
            var childStart = (long)selectNext.ExecuteScalar()!;
            var closeShard = session.Command("UPDATE shards SET ending_sequence = next_sequence - 1 WHERE id = $p0 AND ending_sequence < 0", 1);
            foreach (var shard in close)
            {
                closeShard.Parameters[0].Value = shard.DbId;
                closeShard.ExecuteNonQuery();
            }

            var insertShard = session.Command(
                "INSERT INTO shards (stream_id, shard_index, starting_hash_key, ending_hash_key, next_sequence, last_arrival_ms, parent_index, adjacent_parent_index, starting_sequence) "
                + "VALUES ($p0, $p1, $p2, $p3, $p4, 0, $p5, $p6, $p4) RETURNING id",
                7);
            var index = stream.ShardCount;
            foreach (var (start, end, parent, adjacent) in open)
            {
                insertShard.Parameters[0].Value = stream.Id;
                insertShard.Parameters[1].Value = index++;
                insertShard.Parameters[2].Value = HashKeyRanges.Format(start);
                insertShard.Parameters[3].Value = HashKeyRanges.Format(end);
                insertShard.Parameters[4].Value = childStart;
                insertShard.Parameters[5].Value = parent;
                insertShard.Parameters[6].Value = adjacent;
                if ((long)insertShard.ExecuteScalar()! > RecordKeys.MaxShardId)
                {
                    throw new StreamValidationException("LimitExceededException", $"This database holds the most shards it can ({RecordKeys.MaxShardId}).");
                }
            }

            var updateStream = session.Command("UPDATE streams SET shard_count = $p1 WHERE id = $p0", 2);
            updateStream.Parameters[0].Value = stream.Id;
            updateStream.Parameters[1].Value = index;
            updateStream.ExecuteNonQuery();
            return LoadStream(session, streamName)!;
        }, cancellationToken);
        _streams[streamName] = updated;
    }

    /// <inheritdoc />
    public async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        var stream = GetStream(streamName);
        KinesisRules.ThrowIfInvalidPut(records);
        var nowMs = NowMs();
        while (true)
        {
            var (shardOf, data) = Route(stream, records);
            var routedWith = stream;
            var entries = await _db.WriteAsync(session =>
            {
                // Routed outside the write lock with the cached shards: if a split or merge came in between, route again.
                var selectCount = session.Command("SELECT shard_count FROM streams WHERE id = $p0", 1);
                selectCount.Parameters[0].Value = routedWith.Id;
                if (Convert.ToInt32(selectCount.ExecuteScalar(), CultureInfo.InvariantCulture) != routedWith.ShardCount)
                {
                    return null;
                }

                var open = routedWith.OpenShards;
                var nextSequence = new long[open.Count];
                var lastArrival = new long[open.Count];
                Array.Fill(nextSequence, -1);
                var selectShard = session.Command("SELECT next_sequence, last_arrival_ms FROM shards WHERE id = $p0", 1);
                var insert = session.Command("INSERT INTO records (id, arrival_ms, partition_key, data) VALUES ($p0, $p1, $p2, $p3)", 4);
                var result = new PutRecordsResultEntry[records.Count];
                for (var i = 0; i < records.Count; i++)
                {
                    var shard = shardOf[i];
                    if (nextSequence[shard] < 0)
                    {
                        selectShard.Parameters[0].Value = open[shard].DbId;
                        using var reader = selectShard.ExecuteReader();
                        reader.Read();
                        nextSequence[shard] = reader.GetInt64(0);
                        lastArrival[shard] = Math.Max(reader.GetInt64(1), nowMs);
                    }

                    var sequence = nextSequence[shard]++;
                    insert.Parameters[0].Value = RecordKeys.Key(open[shard].DbId, sequence);
                    insert.Parameters[1].Value = lastArrival[shard];
                    insert.Parameters[2].Value = records[i].PartitionKey;
                    insert.Parameters[3].Value = data[i];
                    insert.ExecuteNonQuery();
                    result[i] = new PutRecordsResultEntry(open[shard].ShardId, StreamFormats.FormatSequence(sequence));
                }

                var updateShard = session.Command("UPDATE shards SET next_sequence = $p1, last_arrival_ms = $p2 WHERE id = $p0", 3);
                for (var shard = 0; shard < nextSequence.Length; shard++)
                {
                    if (nextSequence[shard] >= 0)
                    {
                        updateShard.Parameters[0].Value = open[shard].DbId;
                        updateShard.Parameters[1].Value = nextSequence[shard];
                        updateShard.Parameters[2].Value = lastArrival[shard];
                        updateShard.ExecuteNonQuery();
                    }
                }

                return result;
            }, cancellationToken);

            if (entries is not null)
            {
                await TrimIfDueAsync(stream, nowMs, cancellationToken);
                return new PutRecordsResult(0, entries);
            }

            stream = Reload(streamName);
        }
    }

    /// <inheritdoc />
    public Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        KinesisRules.ThrowIfInvalidStartingPosition(position);
        var (stream, shard) = FindShard(streamName, shardId);
        var nowMs = NowMs();
        long next;
        var minArrivalMs = -1L;
        switch (position.Type)
        {
            case ShardIteratorType.TRIM_HORIZON:
                next = 0;
                break;
            case ShardIteratorType.LATEST:
                next = ReadNextSequence(stream, shard);
                break;
            case ShardIteratorType.AT_SEQUENCE_NUMBER:
                next = CheckStartingSequence(stream, shard, position.SequenceNumber);
                break;
            case ShardIteratorType.AFTER_SEQUENCE_NUMBER:
                next = CheckStartingSequence(stream, shard, position.SequenceNumber) + 1;
                break;
            case ShardIteratorType.AT_TIMESTAMP:
                minArrivalMs = position.Timestamp!.Value.ToUnixTimeMilliseconds();
                var firstKey = _db.Read(session => FirstKeyArrivedAtOrAfter(session, stream.FirstKey(shard), stream.LastKey(shard), minArrivalMs));
                next = firstKey is { } key ? RecordKeys.Sequence(key) : ReadNextSequence(stream, shard);
                break;
            default:
                throw new UnreachableException($"KinesisRules let an unknown iterator type through: {position.Type}.");
        }

        return Task.FromResult(new ShardIterator(stream.Name, shard, next, minArrivalMs, nowMs).Encode());
    }

    /// <inheritdoc />
    public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidGetRecordsLimit(limit);
        var (iterator, stream) = OpenIterator(shardIterator);
        var nowMs = NowMs();
        var issuedAgoMs = nowMs - iterator.IssuedMs;
        if (issuedAgoMs > (long)KinesisRules.IteratorLifetime.TotalMilliseconds)
        {
            throw new ExpiredIteratorException(
                $"Iterator expired. The iterator was created at time {FormatMs(iterator.IssuedMs)} while right now it is {FormatMs(nowMs)} which is further in the future than the tolerated delay of {(long)KinesisRules.IteratorLifetime.TotalMilliseconds} milliseconds.");
        }

        var shard = iterator.ShardIndex;
        var minArrivalMs = Math.Max(iterator.MinArrivalMs, nowMs - stream.RetentionMs);
        var (records, tip, ending) = _db.Read(session =>
        {
            // The tip and whether the shard is closed, read with the records: a shard closes between reads, never within one.
            var selectTip = session.Command("SELECT next_sequence, ending_sequence FROM shards WHERE id = $p0", 1);
            selectTip.Parameters[0].Value = stream.Shards[shard].DbId;
            long tipSequence, endingSequence;
            using (var tipReader = selectTip.ExecuteReader())
            {
                tipReader.Read();
                (tipSequence, endingSequence) = (tipReader.GetInt64(0), tipReader.GetInt64(1));
            }

            var select = session.Command(
                "SELECT id, arrival_ms, partition_key, data FROM records WHERE id >= $p0 AND id <= $p1 AND arrival_ms >= $p2 ORDER BY id LIMIT $p3", 4);
            select.Parameters[0].Value = RecordKeys.Key(stream.Shards[shard].DbId, Math.Min(iterator.NextSequence, RecordKeys.MaxSequence));
            select.Parameters[1].Value = stream.LastKey(shard);
            select.Parameters[2].Value = minArrivalMs;
            select.Parameters[3].Value = limit;
            using var reader = select.ExecuteReader();
            var list = new List<(long Sequence, StreamRecord Record)>();
            while (reader.Read())
            {
                var sequence = RecordKeys.Sequence(reader.GetInt64(0));
                list.Add((sequence, new StreamRecord(
                    StreamFormats.FormatSequence(sequence),
                    reader.GetString(2),
                    reader.GetFieldValue<byte[]>(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))));
            }

            return (list, tipSequence, endingSequence);
        });

        string? next;
        long millisBehind;
        if (records.Count == 0)
        {
            // Nothing at or after the position passed the filters, so every record below the tip read first can be skipped.
            next = new ShardIterator(stream.Name, shard, Math.Max(iterator.NextSequence, tip), iterator.MinArrivalMs, nowMs).Encode();
            millisBehind = 0;
        }
        else
        {
            var (lastSequence, lastRecord) = records[^1];
            next = new ShardIterator(stream.Name, shard, lastSequence + 1, -1, nowMs).Encode();
            millisBehind = lastSequence + 1 >= tip ? 0 : Math.Max(0, nowMs - lastRecord.ApproximateArrivalTimestamp.ToUnixTimeMilliseconds());
        }

        IReadOnlyList<ChildShard>? children = null;
        if (ending >= 0 && (records.Count < limit || records[^1].Sequence >= ending))
        {
            // A closed shard read to its end: no next iterator, and the shards that took over its keys.
            next = null;
            var current = stream.ShardCount > shard && stream.ChildrenOf(shard).Any() ? stream : Reload(stream.Name);
            children = current.ChildrenOf(shard).Select(c => new ChildShard(
                c.ShardId,
                new[] { c.ParentIndex, c.AdjacentParentIndex }.Where(p => p >= 0).Select(p => current.Shards[p].ShardId).ToArray(),
                HashKeyRanges.Format(c.StartingHashKey),
                HashKeyRanges.Format(c.EndingHashKey))).ToArray();
        }

        var result = new StreamRecord[records.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = records[i].Record;
        }

        return Task.FromResult(new GetRecordsResult(result, next, millisBehind, children));
    }

    /// <summary>How many records of the stream are physically stored (expired ones included until trimmed); for tests.</summary>
    internal long CountStoredRecords(string streamName)
    {
        var stream = GetStream(streamName);
        return _db.Read(session =>
        {
            var count = session.Command("SELECT count(*) FROM records WHERE id >= $p0 AND id <= $p1", 2);
            long total = 0;
            for (var shard = 0; shard < stream.ShardCount; shard++)
            {
                count.Parameters[0].Value = stream.FirstKey(shard);
                count.Parameters[1].Value = stream.LastKey(shard);
                total += (long)count.ExecuteScalar()!;
            }

            return total;
        });
    }

    /// <summary>Each record's open shard (its position in <see cref="StreamInfo.OpenShards"/>) and payload array, computed outside the write lock (the put was checked already).</summary>
    private static (int[] ShardOf, byte[][] Data) Route(StreamInfo stream, IReadOnlyList<PutRecordsEntry> records)
    {
        var shardOf = new int[records.Count];
        var data = new byte[records.Count][];
        for (var i = 0; i < records.Count; i++)
        {
            shardOf[i] = stream.Routing.ShardOf(records[i].PartitionKey);
            data[i] = DatabaseSession.Blob(records[i].Data);
        }

        return (shardOf, data);
    }

    /// <summary>Deletes the stream's expired records if the last trim is a minute old or more.</summary>
    private async Task TrimIfDueAsync(StreamInfo stream, long nowMs, CancellationToken cancellationToken)
    {
        var last = _lastTrimMs.GetOrAdd(stream.Id, long.MinValue);
        if (last != long.MinValue && nowMs - last < (long)s_trimInterval.TotalMilliseconds)
        {
            return;
        }

        if (!_lastTrimMs.TryUpdate(stream.Id, nowMs, last))
        {
            return;
        }

        var cutoffMs = nowMs - stream.RetentionMs;
        for (var shard = 0; shard < stream.ShardCount; shard++)
        {
            var first = stream.FirstKey(shard);
            var lastKey = stream.LastKey(shard);
            var end = _db.Read(session => FirstKeyArrivedAtOrAfter(session, first, lastKey, cutoffMs)) ?? lastKey + 1;
            var begin = _db.Read(session =>
            {
                var command = session.Command("SELECT id FROM records WHERE id >= $p0 AND id <= $p1 ORDER BY id LIMIT 1", 2);
                command.Parameters[0].Value = first;
                command.Parameters[1].Value = lastKey;
                return command.ExecuteScalar() is long id ? id : end;
            });
            while (begin < end)
            {
                var chunkEnd = Math.Min(end, begin + TrimChunk);
                var from = begin;
                await _db.WriteAsync(session =>
                {
                    var delete = session.Command("DELETE FROM records WHERE id >= $p0 AND id < $p1", 2);
                    delete.Parameters[0].Value = from;
                    delete.Parameters[1].Value = chunkEnd;
                    return delete.ExecuteNonQuery();
                }, cancellationToken);
                begin = chunkEnd;
            }
        }
    }

    /// <summary>
    /// The key of the first record in [<paramref name="low"/>, <paramref name="high"/>] that arrived at or after
    /// <paramref name="minArrivalMs"/>, or null. Arrival times never decrease within a shard, so a binary search over
    /// the key range finds it in about 40 index probes, however many records the shard holds.
    /// </summary>
    private static long? FirstKeyArrivedAtOrAfter(DatabaseSession session, long low, long high, long minArrivalMs)
    {
        var probe = session.Command("SELECT id, arrival_ms FROM records WHERE id >= $p0 AND id <= $p1 ORDER BY id LIMIT 1", 2);
        long? found = null;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            probe.Parameters[0].Value = mid;
            probe.Parameters[1].Value = high;
            long key;
            long arrival;
            using (var reader = probe.ExecuteReader())
            {
                if (!reader.Read())
                {
                    high = mid - 1;
                    continue;
                }

                key = reader.GetInt64(0);
                arrival = reader.GetInt64(1);
            }

            if (arrival >= minArrivalMs)
            {
                found = key;
                high = mid - 1;
            }
            else
            {
                low = key + 1;
            }
        }

        return found;
    }

    /// <summary>Decodes an iterator and finds its stream and shard, with Kinesis's errors when it cannot.</summary>
    private (ShardIterator Iterator, StreamInfo Stream) OpenIterator(string shardIterator)
    {
        var iterator = ShardIterator.TryDecode(shardIterator)
            ?? throw new StreamValidationException("InvalidArgumentException", "Invalid ShardIterator: it is not an iterator returned by GetShardIterator or GetRecords.");
        var stream = GetStream(iterator.StreamName);
        if (iterator.ShardIndex >= stream.ShardCount)
        {
            stream = Reload(iterator.StreamName);
        }

        if (iterator.ShardIndex >= stream.ShardCount)
        {
            throw new ResourceNotFoundException(StreamFormats.ShardNotFound(stream.Name, StreamFormats.ShardId(iterator.ShardIndex)));
        }

        return (iterator, stream);
    }

    /// <summary>The sequence number the next record put into the shard will get.</summary>
    private long ReadNextSequence(StreamInfo stream, int shard) => _db.Read(session =>
    {
        var command = session.Command("SELECT next_sequence FROM shards WHERE id = $p0", 1);
        command.Parameters[0].Value = stream.Shards[shard].DbId;
        return (long)command.ExecuteScalar()!;
    });

    /// <summary>Parses a starting sequence number and checks that this shard issued it.</summary>
    private long CheckStartingSequence(StreamInfo stream, int shard, string? sequenceNumber)
    {
        var sequence = StreamFormats.ParseSequence(sequenceNumber);
        if (sequence < stream.Shards[shard].StartingSequence || sequence >= ReadNextSequence(stream, shard))
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"StartingSequenceNumber {sequenceNumber} used in GetShardIterator on shard {stream.Shards[shard].ShardId} in stream {stream.Name} under account {StreamFormats.AccountId} is invalid because it did not come from this stream.");
        }

        return sequence;
    }

    /// <summary>The index of <paramref name="shardId"/> in the stream, or ResourceNotFoundException.</summary>
    private static int GetShardIndex(StreamInfo stream, string shardId)
    {
        var index = StreamFormats.ShardIndex(shardId);
        return index >= 0 && index < stream.ShardCount ? index : throw new ResourceNotFoundException(StreamFormats.ShardNotFound(stream.Name, shardId));
    }

    /// <summary>
    /// The stream and the index of <paramref name="shardId"/> in it, or ResourceNotFoundException; a shard the cached
    /// stream does not know yet (added by another client of the file) is looked for in the database.
    /// </summary>
    private (StreamInfo Stream, int Index) FindShard(string streamName, string shardId)
    {
        var stream = GetStream(streamName);
        var index = StreamFormats.ShardIndex(shardId);
        if (index >= stream.ShardCount)
        {
            stream = Reload(streamName);
        }

        return (stream, GetShardIndex(stream, shardId));
    }

    /// <summary>The stream called <paramref name="streamName"/>, from the cache or the database; ResourceNotFoundException if none.</summary>
    private StreamInfo GetStream(string streamName)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        return _streams.TryGetValue(streamName, out var cached) ? cached : Reload(streamName);
    }

    /// <summary>The stream as the database has it now, cached; ResourceNotFoundException if none.</summary>
    private StreamInfo Reload(string streamName)
    {
        var loaded = LoadStream(streamName) ?? throw new ResourceNotFoundException(StreamFormats.StreamNotFound(streamName));
        _streams[streamName] = loaded;
        return loaded;
    }

    /// <summary>The stream as the database has it now; null if there is none.</summary>
    private StreamInfo? LoadStream(string streamName)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        return _db.Read(session => LoadStream(session, streamName));
    }

    /// <summary>The stream with all its shards, read in <paramref name="session"/>; null if there is none.</summary>
    private static StreamInfo? LoadStream(DatabaseSession session, string streamName)
    {
        var selectStream = session.Command("SELECT id, retention_ms, created_ms FROM streams WHERE name = $p0", 1);
        selectStream.Parameters[0].Value = streamName;
        long id, retentionMs, createdMs;
        using (var reader = selectStream.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (id, retentionMs, createdMs) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var selectShards = session.Command(
            "SELECT shard_index, id, starting_hash_key, ending_hash_key, parent_index, adjacent_parent_index, starting_sequence, ending_sequence FROM shards WHERE stream_id = $p0 ORDER BY shard_index",
            1);
        selectShards.Parameters[0].Value = id;
        var shards = new List<ShardInfo>();
        using (var reader = selectShards.ExecuteReader())
        {
            while (reader.Read())
            {
                shards.Add(new ShardInfo(
                    reader.GetInt32(0),
                    reader.GetInt64(1),
                    UInt128.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    UInt128.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    reader.GetInt64(6),
                    reader.GetInt64(7)));
            }
        }

        return new StreamInfo(id, streamName, retentionMs, createdMs, shards);
    }

    /// <summary>The current time, Unix ms.</summary>
    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A Unix ms time as an ISO 8601 string, for messages.</summary>
    private static string FormatMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
