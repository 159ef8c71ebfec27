namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// What the embedded stream client knows of a stream: its shards, open and closed, and how records are routed to the open
/// ones. Cached, and replaced when a split or merge adds shards (<see cref="ShardCount"/> is then no longer the database's).
/// </summary>
/// <param name="Id">The stream's database id.</param>
/// <param name="Name">Its name.</param>
/// <param name="RetentionMs">How long records stay readable, in ms.</param>
/// <param name="CreatedMs">When it was created, Unix time in ms.</param>
/// <param name="Shards">Every shard, by shard index.</param>
internal sealed record StreamInfo(long Id, string Name, long RetentionMs, long CreatedMs, IReadOnlyList<ShardInfo> Shards)
{
    /// <summary>The open shards, by hash key.</summary>
    public IReadOnlyList<ShardInfo> OpenShards { get; } = Shards.Where(s => s.IsOpen).OrderBy(s => s.StartingHashKey).ToArray();

    /// <summary>The number of shards, closed ones included (the next shard's index).</summary>
    public int ShardCount => Shards.Count;

    /// <summary>The open shards' hash-key ranges; a position in them is an index into <see cref="OpenShards"/>.</summary>
    public HashKeyRanges Routing { get; } = new(Shards.Where(s => s.IsOpen).OrderBy(s => s.StartingHashKey).Select(s => s.StartingHashKey).ToArray());

    /// <summary>The lowest record key of shard <paramref name="index"/>.</summary>
    public long FirstKey(int index) => RecordKeys.Key(Shards[index].DbId, 0);

    /// <summary>The highest record key of shard <paramref name="index"/>.</summary>
    public long LastKey(int index) => RecordKeys.Key(Shards[index].DbId, RecordKeys.MaxSequence);

    /// <summary>The shards that came from shard <paramref name="index"/> (none while it is open).</summary>
    public IEnumerable<ShardInfo> ChildrenOf(int index) => Shards.Where(s => s.ParentIndex == index || s.AdjacentParentIndex == index);
}

/// <summary>One shard of an embedded stream.</summary>
/// <param name="Index">Its index in the stream (its id is <c>shardId-</c> and the index).</param>
/// <param name="DbId">Its database id, the high bits of its records' keys.</param>
/// <param name="StartingHashKey">The first hash key it owns.</param>
/// <param name="EndingHashKey">The last hash key it owns.</param>
/// <param name="ParentIndex">The shard it was split or merged from; -1 for none.</param>
/// <param name="AdjacentParentIndex">The second shard it was merged from; -1 for none.</param>
/// <param name="StartingSequence">Its first sequence number: above every sequence number of its stream when it was created.</param>
/// <param name="EndingSequence">Its last sequence number once closed; -1 while open.</param>
internal sealed record ShardInfo(int Index, long DbId, UInt128 StartingHashKey, UInt128 EndingHashKey, int ParentIndex, int AdjacentParentIndex, long StartingSequence, long EndingSequence)
{
    /// <summary>True while it takes records.</summary>
    public bool IsOpen => EndingSequence < 0;

    /// <summary>Its Kinesis id.</summary>
    public string ShardId { get; } = StreamFormats.ShardId(Index);
}
