using System.Globalization;
using System.Text;

namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// Kinesis Data Streams' rule book: its limits, its naming rules, and the checks of a request with the error type
/// and wording Kinesis gives when one is broken. Both stream adapters check requests here before they touch
/// anything (the embedded one because nothing else would; the Kinesis one to fail before a round trip), the
/// <see cref="StreamPublisher"/> splits its calls by these limits, and the settings and the simulator page check
/// stream names with <see cref="StreamNameError"/>.
/// </summary>
public static class KinesisRules
{
    /// <summary>Most records in one PutRecords call.</summary>
    public const int MaxRecordsPerPut = 500;

    /// <summary>Most bytes of data plus partition key in one record (1 MiB).</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>Most bytes of data plus partition keys in one PutRecords call (5 MiB).</summary>
    public const int MaxPutBytes = 5 * 1024 * 1024;

    /// <summary>Longest partition key, in characters.</summary>
    public const int MaxPartitionKeyLength = 256;

    /// <summary>Most records one GetRecords call returns.</summary>
    public const int MaxGetRecordsLimit = 10_000;

    /// <summary>Longest stream name, in characters.</summary>
    public const int MaxStreamNameLength = 128;

    /// <summary>How long a shard iterator stays valid.</summary>
    public static readonly TimeSpan IteratorLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The naming rule in a sentence, appended to Kinesis's messages.</summary>
    private const string NameRule = "A stream name is 1 to 128 characters: letters, digits, '_', '.' and '-'.";

    /// <summary>
    /// Why a stream name breaks Kinesis's rules (1-128 of a-z, A-Z, 0-9, _ . -), in words a user can act on, or null
    /// when it is valid. For settings and forms; the adapters refuse a bad name with <see cref="ThrowIfInvalidStreamName"/>.
    /// </summary>
    public static string? StreamNameError(string? name) =>
        string.IsNullOrEmpty(name) ? "A stream name is required."
        : name.Length > MaxStreamNameLength ? $"A stream name is at most {MaxStreamNameLength} characters; this one has {name.Length}."
        : !name.All(IsNameChar) ? "A stream name may contain only letters, digits, underscores (_), periods (.) and hyphens (-)."
        : null;

    /// <summary>True for the characters Kinesis allows in a stream name.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>Throws Kinesis's ValidationException, in its wording, for a bad stream name.</summary>
    public static void ThrowIfInvalidStreamName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1. {NameRule}");
        }

        if (name.Length > MaxStreamNameLength)
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to {MaxStreamNameLength}. {NameRule}");
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                throw new StreamValidationException(
                    $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+. The character '{c}' is not allowed: use letters, digits, '_', '.' and '-'.");
            }
        }
    }

    /// <summary>Throws Kinesis's ValidationException for a stream of fewer than one shard.</summary>
    public static void ThrowIfInvalidShardCount(int shardCount)
    {
        if (shardCount < 1)
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{shardCount}' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
    }

    /// <summary>The bytes a record counts for against the limits: its data plus its partition key in UTF-8.</summary>
    public static long RecordBytes(PutRecordsEntry record) => (long)Encoding.UTF8.GetByteCount(record.PartitionKey) + record.Data.Length;

    /// <summary>
    /// Checks a PutRecords request against Kinesis's limits (1 to 500 records, a non-empty partition key of at most 256
    /// characters, at most 1 MiB per record and 5 MiB per call) and throws Kinesis's error, in its wording, for the first
    /// one broken.
    /// </summary>
    public static void ThrowIfInvalidPut(IReadOnlyList<PutRecordsEntry> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new StreamValidationException("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        if (records.Count > MaxRecordsPerPut)
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to {MaxRecordsPerPut} (the call had {records.Count} records; split it into calls of at most {MaxRecordsPerPut}).");
        }

        long total = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new StreamValidationException($"1 validation error detected: Value null at 'records.{i + 1}.member' failed to satisfy constraint: Member must not be null");
            if (string.IsNullOrEmpty(record.PartitionKey))
            {
                throw new StreamValidationException($"1 validation error detected: Value '' at 'records.{i + 1}.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }

            if (record.PartitionKey.Length > MaxPartitionKeyLength)
            {
                throw new StreamValidationException(
                    $"1 validation error detected: Value at 'records.{i + 1}.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to {MaxPartitionKeyLength} (it has {record.PartitionKey.Length} characters)");
            }

            var bytes = RecordBytes(record);
            if (bytes > MaxRecordBytes)
            {
                throw new StreamValidationException(
                    $"1 validation error detected: Value at 'records.{i + 1}.member.data' failed to satisfy constraint: Member must have length less than or equal to {MaxRecordBytes} (data plus partition key: {bytes} bytes)");
            }

            total += bytes;
        }

        if (total > MaxPutBytes)
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"Records size exceeds 5 MB limit: this call holds {total} bytes of data and partition keys, and one PutRecords call may hold at most {MaxPutBytes}.");
        }
    }

    /// <summary>Throws Kinesis's error for a starting position of an unknown type, or without the sequence number or the time its type needs.</summary>
    public static void ThrowIfInvalidStartingPosition(StartingPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (!Enum.IsDefined(position.Type))
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{position.Type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        }

        if (position.Type is ShardIteratorType.AT_SEQUENCE_NUMBER or ShardIteratorType.AFTER_SEQUENCE_NUMBER && string.IsNullOrEmpty(position.SequenceNumber))
        {
            throw new StreamValidationException("InvalidArgumentException", "A StartingSequenceNumber is required for iterators of type AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER.");
        }

        if (position.Type == ShardIteratorType.AT_TIMESTAMP && position.Timestamp is null)
        {
            throw new StreamValidationException("InvalidArgumentException", "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP.");
        }
    }

    /// <summary>Throws Kinesis's ValidationException for a GetRecords limit outside 1 to 10,000.</summary>
    public static void ThrowIfInvalidGetRecordsLimit(int limit)
    {
        if (limit is < 1 or > MaxGetRecordsLimit)
        {
            var bound = limit < 1 ? "greater than or equal to 1" : $"less than or equal to {MaxGetRecordsLimit}";
            throw new StreamValidationException($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {bound}");
        }
    }

    /// <summary>
    /// Throws Kinesis's error for an UpdateShardCount that is not allowed: a target below 1, equal to the open shards, more
    /// than double or less than half of them (Kinesis's default limits; the allowed range is in the message).
    /// </summary>
    public static void ThrowIfInvalidTargetShardCount(string streamName, int openShardCount, int targetShardCount)
    {
        if (targetShardCount < 1)
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{targetShardCount}' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }

        var (low, high) = AllowedTargetShardCounts(openShardCount);
        var range = $"allowed: {low} to {high}, at least half and at most double the current count";
        if (targetShardCount > high)
        {
            throw new StreamValidationException(
                "LimitExceededException",
                $"UpdateShardCount failed for stream {streamName}: the target shard count {targetShardCount} is more than double the current open shard count {openShardCount} ({range}).");
        }

        if (targetShardCount < low)
        {
            throw new StreamValidationException(
                "LimitExceededException",
                $"UpdateShardCount failed for stream {streamName}: the target shard count {targetShardCount} is less than half the current open shard count {openShardCount} ({range}).");
        }

        if (targetShardCount == openShardCount)
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"UpdateShardCount failed for stream {streamName}: it has {openShardCount} open shards already; choose another count ({range}).");
        }
    }

    /// <summary>The targets UpdateShardCount allows from <paramref name="openShardCount"/> open shards: half (rounded up) to double.</summary>
    public static (int Low, int High) AllowedTargetShardCounts(int openShardCount) => ((openShardCount + 1) / 2, openShardCount * 2);

    /// <summary>
    /// Reads a hash key (a decimal from 0 to 2^128-1, as Kinesis writes them) or throws Kinesis's ValidationException
    /// naming <paramref name="field"/>.
    /// </summary>
    public static UInt128 ParseHashKey(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 39 || (value.Length > 1 && value[0] == '0') || !value.All(char.IsAsciiDigit)
            || !UInt128.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            throw new StreamValidationException(
                $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{{0,38}}) (a hash key is a whole number from 0 to 2^128-1).");
        }

        return key;
    }

    /// <summary>
    /// Throws Kinesis's error for a SplitShard that is not allowed: the shard is closed, or the new starting hash key is
    /// not both greater than one plus the shard's starting hash key and less than its ending hash key.
    /// </summary>
    public static void ThrowIfInvalidSplit(string streamName, ShardDescription shard, UInt128 newStartingHashKey)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ThrowIfClosed(streamName, shard, "SplitShard");
        var start = UInt128.Parse(shard.StartingHashKey, CultureInfo.InvariantCulture);
        var end = UInt128.Parse(shard.EndingHashKey, CultureInfo.InvariantCulture);
        if (newStartingHashKey <= start + 1 || newStartingHashKey >= end)
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"NewStartingHashKey {newStartingHashKey} used in SplitShard() on shard {shard.ShardId} in stream {streamName} is not both greater than one plus the shard's StartingHashKey {shard.StartingHashKey} and less than the shard's EndingHashKey {shard.EndingHashKey}.");
        }
    }

    /// <summary>
    /// Throws Kinesis's error for a MergeShards that is not allowed: a shard is closed, or the two hash-key ranges do not
    /// touch. Returns the two shards ordered by hash key (the lower first).
    /// </summary>
    public static (ShardDescription Lower, ShardDescription Upper) CheckMerge(string streamName, ShardDescription shard, ShardDescription adjacent)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(adjacent);
        ThrowIfClosed(streamName, shard, "MergeShards");
        ThrowIfClosed(streamName, adjacent, "MergeShards");
        var (lower, upper) = UInt128.Parse(shard.StartingHashKey, CultureInfo.InvariantCulture) < UInt128.Parse(adjacent.StartingHashKey, CultureInfo.InvariantCulture)
            ? (shard, adjacent) : (adjacent, shard);
        var lowerEnd = UInt128.Parse(lower.EndingHashKey, CultureInfo.InvariantCulture);
        if (lower.ShardId == upper.ShardId || lowerEnd == UInt128.MaxValue || lowerEnd + 1 != UInt128.Parse(upper.StartingHashKey, CultureInfo.InvariantCulture))
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"Shards {shard.ShardId} and {adjacent.ShardId} in stream {streamName} are not an adjacent pair of shards eligible for merging: their hash-key ranges must touch.");
        }

        return (lower, upper);
    }

    /// <summary>Throws for a split or merge of a closed shard.</summary>
    private static void ThrowIfClosed(string streamName, ShardDescription shard, string operation)
    {
        if (!shard.IsOpen)
        {
            throw new StreamValidationException(
                "InvalidArgumentException",
                $"{operation} failed: shard {shard.ShardId} in stream {streamName} is closed (it was split or merged already); only open shards can be split or merged.");
        }
    }
}
