using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Support;

/// <summary>What a stream holds, for tests that check what was put.</summary>
internal static class StreamContents
{
    /// <summary>
    /// Every record of every shard of <paramref name="stream"/>, shard by shard, each in its order, read page by page; a
    /// shard after the parents it has (as a consumer reads them across a reshard), so each partition key's records come
    /// in the order they were put.
    /// </summary>
    public static async Task<List<StreamRecord>> ReadAllAsync(IStreamClient streams, string stream)
    {
        var records = new List<StreamRecord>();
        foreach (var shard in InLineageOrder(await streams.ListShardsAsync(stream)))
        {
            var iterator = await streams.GetShardIteratorAsync(stream, shard.ShardId, StartingPosition.TrimHorizon);
            while (iterator is not null)
            {
                var page = await streams.GetRecordsAsync(iterator, 1000);
                records.AddRange(page.Records);
                iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
            }
        }
        return records;
    }

    /// <summary><paramref name="shards"/> in their listed order, except that each comes after every parent of it that is listed.</summary>
    public static List<ShardDescription> InLineageOrder(IReadOnlyList<ShardDescription> shards)
    {
        var listed = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ShardDescription>();
        while (ordered.Count < shards.Count)
        {
            var next = shards.Where(s => !placed.Contains(s.ShardId) && ShardLineage.ParentsDone(s, listed, placed)).ToList();
            if (next.Count == 0)
                throw new InvalidOperationException("The shards' parents form a cycle.");
            ordered.AddRange(next);
            placed.UnionWith(next.Select(s => s.ShardId));
        }
        return ordered;
    }
}
