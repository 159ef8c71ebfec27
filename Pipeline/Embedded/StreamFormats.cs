using System.Globalization;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// What is the embedded backend's own in its streams: the shard limit, the formats of its shard ids and sequence numbers,
/// the account id and the not-found messages (in Kinesis's wording) that name them. Kinesis's limits and naming rules are
/// <see cref="Streams.KinesisRules"/>.
/// </summary>
internal static class StreamFormats
{
    /// <summary>The account id shown in messages, as kinesalite shows it.</summary>
    public const string AccountId = "000000000000";

    /// <summary>Most shards one stream may have here.</summary>
    public const int MaxShardCount = 1024;

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
