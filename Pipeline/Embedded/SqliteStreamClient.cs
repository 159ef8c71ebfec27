using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Kinesis Data Streams in the embedded database: shards chosen by the MD5 of the partition key, per-shard
/// increasing sequence numbers that are never reused (also across restarts), shard iterators that expire after five
/// minutes, retention (records older than it are no longer read and are deleted at most once a minute, during puts).
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

    /// <summary>Streams already looked up, by name (a stream never changes once created).</summary>
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
            var shardIds = new long[shardCount];
            var insertShard = session.Command(
                "INSERT INTO shards (stream_id, shard_index, starting_hash_key, ending_hash_key, next_sequence, last_arrival_ms) VALUES ($p0, $p1, $p2, $p3, 1, 0) RETURNING id",
                4);
            for (var i = 0; i < shardCount; i++)
            {
                insertShard.Parameters[0].Value = streamId;
                insertShard.Parameters[1].Value = i;
                insertShard.Parameters[2].Value = HashKeyRanges.Format(ranges.StartingHashKey(i));
                insertShard.Parameters[3].Value = HashKeyRanges.Format(ranges.EndingHashKey(i));
                shardIds[i] = (long)insertShard.ExecuteScalar()!;
                if (shardIds[i] > RecordKeys.MaxShardId)
                {
                    throw new StreamValidationException("LimitExceededException", $"This database holds the most shards it can ({RecordKeys.MaxShardId}).");
                }
            }

            return new StreamInfo(streamId, streamName, (long)retention.TotalMilliseconds, createdMs, ranges, shardIds);
        }, cancellationToken);
        _streams[streamName] = info;
    }

    /// <inheritdoc />
    public Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default)
    {
        var stream = GetStream(streamName);
        return Task.FromResult(new StreamDescription(
            stream.Name, "ACTIVE", stream.ShardCount, TimeSpan.FromMilliseconds(stream.RetentionMs), DateTimeOffset.FromUnixTimeMilliseconds(stream.CreatedMs)));
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
        var stream = GetStream(streamName);
        var shards = new ShardDescription[stream.ShardCount];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new ShardDescription(
                stream.ShardIds[i], HashKeyRanges.Format(stream.Ranges.StartingHashKey(i)), HashKeyRanges.Format(stream.Ranges.EndingHashKey(i)));
        }

        return Task.FromResult<IReadOnlyList<ShardDescription>>(shards);
    }

    /// <inheritdoc />
    public async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        var stream = GetStream(streamName);
        KinesisRules.ThrowIfInvalidPut(records);
        var (shardOf, data) = Route(stream, records);

        var nowMs = NowMs();
        var entries = await _db.WriteAsync(session =>
        {
            var nextSequence = new long[stream.ShardCount];
            var lastArrival = new long[stream.ShardCount];
            Array.Fill(nextSequence, -1);
            var selectShard = session.Command("SELECT next_sequence, last_arrival_ms FROM shards WHERE id = $p0", 1);
            var insert = session.Command("INSERT INTO records (id, arrival_ms, partition_key, data) VALUES ($p0, $p1, $p2, $p3)", 4);
            var result = new PutRecordsResultEntry[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var shard = shardOf[i];
                if (nextSequence[shard] < 0)
                {
                    selectShard.Parameters[0].Value = stream.ShardDbIds[shard];
                    using var reader = selectShard.ExecuteReader();
                    reader.Read();
                    nextSequence[shard] = reader.GetInt64(0);
                    lastArrival[shard] = Math.Max(reader.GetInt64(1), nowMs);
                }

                var sequence = nextSequence[shard]++;
                insert.Parameters[0].Value = RecordKeys.Key(stream.ShardDbIds[shard], sequence);
                insert.Parameters[1].Value = lastArrival[shard];
                insert.Parameters[2].Value = records[i].PartitionKey;
                insert.Parameters[3].Value = data[i];
                insert.ExecuteNonQuery();
                result[i] = new PutRecordsResultEntry(stream.ShardIds[shard], StreamFormats.FormatSequence(sequence));
            }

            var updateShard = session.Command("UPDATE shards SET next_sequence = $p1, last_arrival_ms = $p2 WHERE id = $p0", 3);
            for (var shard = 0; shard < nextSequence.Length; shard++)
            {
                if (nextSequence[shard] >= 0)
                {
                    updateShard.Parameters[0].Value = stream.ShardDbIds[shard];
                    updateShard.Parameters[1].Value = nextSequence[shard];
                    updateShard.Parameters[2].Value = lastArrival[shard];
                    updateShard.ExecuteNonQuery();
                }
            }

            return result;
        }, cancellationToken);

        await TrimIfDueAsync(stream, nowMs, cancellationToken);
        return new PutRecordsResult(0, entries);
    }

    /// <inheritdoc />
    public Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default)
    {
        var stream = GetStream(streamName);
        KinesisRules.ThrowIfInvalidStartingPosition(position);
        var shard = GetShardIndex(stream, shardId);
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
        var (records, tip) = _db.Read(session =>
        {
            var selectTip = session.Command("SELECT next_sequence FROM shards WHERE id = $p0", 1);
            selectTip.Parameters[0].Value = stream.ShardDbIds[shard];
            var tipSequence = (long)selectTip.ExecuteScalar()!;

            var select = session.Command(
                "SELECT id, arrival_ms, partition_key, data FROM records WHERE id >= $p0 AND id <= $p1 AND arrival_ms >= $p2 ORDER BY id LIMIT $p3", 4);
            select.Parameters[0].Value = RecordKeys.Key(stream.ShardDbIds[shard], iterator.NextSequence);
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

            return (list, tipSequence);
        });

        string next;
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

        var result = new StreamRecord[records.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = records[i].Record;
        }

        return Task.FromResult(new GetRecordsResult(result, next, millisBehind));
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

    /// <summary>Each record's shard and payload array, computed outside the write lock (the put was checked already).</summary>
    private static (int[] ShardOf, byte[][] Data) Route(StreamInfo stream, IReadOnlyList<PutRecordsEntry> records)
    {
        var shardOf = new int[records.Count];
        var data = new byte[records.Count][];
        for (var i = 0; i < records.Count; i++)
        {
            shardOf[i] = stream.Ranges.ShardOf(records[i].PartitionKey);
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
            throw new ResourceNotFoundException(StreamFormats.ShardNotFound(stream.Name, StreamFormats.ShardId(iterator.ShardIndex)));
        }

        return (iterator, stream);
    }

    /// <summary>The sequence number the next record put into the shard will get.</summary>
    private long ReadNextSequence(StreamInfo stream, int shard) => _db.Read(session =>
    {
        var command = session.Command("SELECT next_sequence FROM shards WHERE id = $p0", 1);
        command.Parameters[0].Value = stream.ShardDbIds[shard];
        return (long)command.ExecuteScalar()!;
    });

    /// <summary>Parses a starting sequence number and checks that this shard issued it.</summary>
    private long CheckStartingSequence(StreamInfo stream, int shard, string? sequenceNumber)
    {
        var sequence = StreamFormats.ParseSequence(sequenceNumber);
        if (sequence < 0 || sequence >= ReadNextSequence(stream, shard))
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"StartingSequenceNumber {sequenceNumber} used in GetShardIterator on shard {stream.ShardIds[shard]} in stream {stream.Name} under account {StreamFormats.AccountId} is invalid because it did not come from this stream.");
        }

        return sequence;
    }

    /// <summary>The index of <paramref name="shardId"/> in the stream, or ResourceNotFoundException.</summary>
    private static int GetShardIndex(StreamInfo stream, string shardId)
    {
        var index = StreamFormats.ShardIndex(shardId);
        return index >= 0 && index < stream.ShardCount ? index : throw new ResourceNotFoundException(StreamFormats.ShardNotFound(stream.Name, shardId));
    }

    /// <summary>The stream called <paramref name="streamName"/>, from the cache or the database; ResourceNotFoundException if none.</summary>
    private StreamInfo GetStream(string streamName)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        if (_streams.TryGetValue(streamName, out var cached))
        {
            return cached;
        }

        var loaded = _db.Read(session =>
        {
            var selectStream = session.Command("SELECT id, retention_ms, created_ms, shard_count FROM streams WHERE name = $p0", 1);
            selectStream.Parameters[0].Value = streamName;
            long id, retentionMs, createdMs;
            int shardCount;
            using (var reader = selectStream.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                (id, retentionMs, createdMs, shardCount) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3));
            }

            var selectShards = session.Command("SELECT id FROM shards WHERE stream_id = $p0 ORDER BY shard_index", 1);
            selectShards.Parameters[0].Value = id;
            var shardIds = new List<long>(shardCount);
            using (var reader = selectShards.ExecuteReader())
            {
                while (reader.Read())
                {
                    shardIds.Add(reader.GetInt64(0));
                }
            }

            return new StreamInfo(id, streamName, retentionMs, createdMs, new HashKeyRanges(shardCount), shardIds.ToArray());
        }) ?? throw new ResourceNotFoundException(StreamFormats.StreamNotFound(streamName));
        return _streams.GetOrAdd(streamName, loaded);
    }

    /// <summary>The current time, Unix ms.</summary>
    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A Unix ms time as an ISO 8601 string, for messages.</summary>
    private static string FormatMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
