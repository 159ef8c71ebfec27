namespace TurbineConsole.Pipeline.Embedded;

/// <summary>What the embedded stream client knows of a stream; never changes once the stream exists, so it is cached.</summary>
/// <param name="Id">The stream's database id.</param>
/// <param name="Name">Its name.</param>
/// <param name="RetentionMs">How long records stay readable, in ms.</param>
/// <param name="CreatedMs">When it was created, Unix time in ms.</param>
/// <param name="Ranges">Its shards' hash-key ranges.</param>
/// <param name="ShardDbIds">The database id of each shard, by shard index.</param>
internal sealed record StreamInfo(long Id, string Name, long RetentionMs, long CreatedMs, HashKeyRanges Ranges, long[] ShardDbIds)
{
    /// <summary>The number of shards.</summary>
    public int ShardCount => ShardDbIds.Length;

    /// <summary>The Kinesis id of each shard, by shard index.</summary>
    public string[] ShardIds { get; } = Enumerable.Range(0, ShardDbIds.Length).Select(StreamFormats.ShardId).ToArray();

    /// <summary>The lowest record key of shard <paramref name="index"/>.</summary>
    public long FirstKey(int index) => RecordKeys.Key(ShardDbIds[index], 0);

    /// <summary>The highest record key of shard <paramref name="index"/>.</summary>
    public long LastKey(int index) => RecordKeys.Key(ShardDbIds[index], RecordKeys.MaxSequence);
}
