using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Support;

/// <summary>A stream client that passes every call to another; tests override the calls they watch or break.</summary>
internal abstract class DelegatingStreamClient(IStreamClient inner) : IStreamClient
{
    public virtual Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) =>
        inner.CreateStreamAsync(streamName, shardCount, cancellationToken);

    public virtual Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default) =>
        inner.DescribeStreamAsync(streamName, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken = default) =>
        inner.ListStreamsAsync(cancellationToken);

    public virtual Task<IReadOnlyList<ShardDescription>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) =>
        inner.ListShardsAsync(streamName, cancellationToken);

    public virtual Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
        inner.PutRecordsAsync(streamName, records, cancellationToken);

    public virtual Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default) =>
        inner.GetShardIteratorAsync(streamName, shardId, position, cancellationToken);

    public virtual Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit = 10_000, CancellationToken cancellationToken = default) =>
        inner.GetRecordsAsync(shardIterator, limit, cancellationToken);

    public virtual Task SplitShardAsync(string streamName, string shardToSplit, string newStartingHashKey, CancellationToken cancellationToken = default) =>
        inner.SplitShardAsync(streamName, shardToSplit, newStartingHashKey, cancellationToken);

    public virtual Task MergeShardsAsync(string streamName, string shardToMerge, string adjacentShardToMerge, CancellationToken cancellationToken = default) =>
        inner.MergeShardsAsync(streamName, shardToMerge, adjacentShardToMerge, cancellationToken);

    public virtual Task<ShardCountUpdate> UpdateShardCountAsync(string streamName, int targetShardCount, CancellationToken cancellationToken = default) =>
        inner.UpdateShardCountAsync(streamName, targetShardCount, cancellationToken);
}
