using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>Streams of one shard for the simulator tests, and how many records one holds.</summary>
internal static class SimulatorStreams
{
    /// <summary>A new stream of one shard with a unique name.</summary>
    public static async Task<string> NewAsync(IStreamClient streams)
    {
        var name = "Sim" + Guid.NewGuid().ToString("N")[..12];
        await streams.CreateStreamAsync(name, 1);
        return name;
    }

    /// <summary>Every record the stream holds, read page by page from the start of each shard.</summary>
    public static async Task<int> CountAsync(IStreamClient streams, string stream)
    {
        var count = 0;
        foreach (var shard in await streams.ListShardsAsync(stream))
        {
            var iterator = await streams.GetShardIteratorAsync(stream, shard.ShardId, StartingPosition.TrimHorizon);
            while (iterator is not null)
            {
                var page = await streams.GetRecordsAsync(iterator);
                count += page.Records.Count;
                iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
            }
        }
        return count;
    }
}
