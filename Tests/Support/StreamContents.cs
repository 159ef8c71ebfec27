using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Support;

/// <summary>What a stream holds, for tests that check what was put.</summary>
internal static class StreamContents
{
    /// <summary>Every record of every shard of <paramref name="stream"/>, shard by shard, each in its order, read page by page.</summary>
    public static async Task<List<StreamRecord>> ReadAllAsync(IStreamClient streams, string stream)
    {
        var records = new List<StreamRecord>();
        foreach (var shard in await streams.ListShardsAsync(stream))
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
}
