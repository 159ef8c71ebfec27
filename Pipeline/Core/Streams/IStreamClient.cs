namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// The stream port: the subset of Kinesis Data Streams that the simulator, the jobs and the runtime use,
/// with Kinesis semantics (shards chosen by the MD5 of the partition key, per-shard ordered sequence numbers,
/// shard iterators, retention). Adapters: <c>Embedded.SqliteStreamClient</c> (one SQLite file) and
/// <c>Aws.KinesisStreamClient</c> (Kinesis Data Streams, or a server that speaks its protocol). Both check requests
/// against <see cref="KinesisRules"/>.
/// </summary>
public interface IStreamClient
{
    /// <summary>Creates a stream; throws <see cref="ResourceInUseException"/> if it exists.</summary>
    Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default);

    /// <summary>Describes a stream; throws <see cref="ResourceNotFoundException"/> if it does not exist.</summary>
    Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default);

    /// <summary>Lists the names of all streams, sorted.</summary>
    Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every shard of a stream, open and closed (until retention drops a closed one), with its hash-key range, its
    /// parents and its sequence-number range.
    /// </summary>
    Task<IReadOnlyList<ShardDescription>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts up to 500 records (each at most 1 MiB of data plus partition key, 5 MiB per call).
    /// Entries may fail individually: see <see cref="PutRecordsResult.FailedRecordCount"/>.
    /// </summary>
    Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default);

    /// <summary>Returns an opaque iterator for reading one shard from the given position.</summary>
    Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="limit"/> records (1-10,000) from an iterator.</summary>
    Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit = 10_000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Splits an open shard in two at <paramref name="newStartingHashKey"/> (Kinesis SplitShard): the shard closes, and two
    /// children take the keys below and from it. Records put before the split stay readable in the parent.
    /// Returns when the children take records.
    /// </summary>
    Task SplitShardAsync(string streamName, string shardToSplit, string newStartingHashKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges two open shards whose hash-key ranges touch (Kinesis MergeShards): both close, and one child takes their keys.
    /// Returns when the child takes records.
    /// </summary>
    Task MergeShardsAsync(string streamName, string shardToMerge, string adjacentShardToMerge, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the number of open shards to <paramref name="targetShardCount"/>, of equal hash-key ranges (Kinesis
    /// UpdateShardCount with UNIFORM_SCALING), by the splits and merges <see cref="UniformScaling"/> plans: at most double,
    /// at least half the open shards (<see cref="KinesisRules.ThrowIfInvalidTargetShardCount"/>). Returns when done.
    /// </summary>
    Task<ShardCountUpdate> UpdateShardCountAsync(string streamName, int targetShardCount, CancellationToken cancellationToken = default);
}
