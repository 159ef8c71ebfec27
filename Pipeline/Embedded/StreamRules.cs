using System.Globalization;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>Kinesis's names, limits and formats, and the messages Kinesis gives when they are broken.</summary>
internal static class StreamRules
{
    /// <summary>The account id shown in messages, as kinesalite shows it.</summary>
    public const string AccountId = "000000000000";

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

    /// <summary>Most shards one stream may have here.</summary>
    public const int MaxShardCount = 1024;

    /// <summary>How long a shard iterator stays valid.</summary>
    public static readonly TimeSpan IteratorLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="name"/> is a valid stream name, else why not (Kinesis's wording).</summary>
    public static string? CheckStreamName(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1. A stream name is 1 to 128 characters: letters, digits, '_', '.' and '-'.";
        }

        if (name.Length > 128)
        {
            return $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128. A stream name is 1 to 128 characters: letters, digits, '_', '.' and '-'.";
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                return $"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+. The character '{c}' is not allowed: use letters, digits, '_', '.' and '-'.";
            }
        }

        return null;
    }

    /// <summary>True for the characters Kinesis and DynamoDB allow in names.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>The Kinesis shard id of the shard with this index: <c>shardId-000000000000</c>.</summary>
    public static string ShardId(int index) => "shardId-" + index.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The index in <c>shardId-000000000007</c>, or -1 when the id is not of that form.</summary>
    public static int ShardIndex(string? shardId)
    {
        const string prefix = "shardId-";
        if (shardId is null || !shardId.StartsWith(prefix, StringComparison.Ordinal) || shardId.Length > prefix.Length + 12)
        {
            return -1;
        }

        var digits = shardId.AsSpan(prefix.Length);
        if (digits.Length == 0)
        {
            return -1;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= int.MaxValue ? (int)index : -1;
    }

    /// <summary>A sequence number as a decimal string, zero-padded to 20 digits so that strings sort like numbers.</summary>
    public static string FormatSequence(long sequence) => sequence.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>The number in a sequence-number string, or -1 when it is not a decimal number this backend issues.</summary>
    public static long ParseSequence(string? sequenceNumber)
    {
        if (string.IsNullOrEmpty(sequenceNumber) || sequenceNumber.Length > 20)
        {
            return -1;
        }

        foreach (var c in sequenceNumber)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
        }

        return long.TryParse(sequenceNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= RecordKeys.MaxSequence ? value : -1;
    }

    /// <summary>Kinesis's message for a stream that does not exist.</summary>
    public static string StreamNotFound(string streamName) => $"Stream {streamName} under account {AccountId} not found.";

    /// <summary>Kinesis's message for a shard that does not exist.</summary>
    public static string ShardNotFound(string streamName, string? shardId) =>
        $"Shard {shardId} in stream {streamName} under account {AccountId} does not exist";
}
