using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

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

    /// <summary>How many records the stream holds.</summary>
    public static async Task<int> CountAsync(IStreamClient streams, string stream) => (await StreamContents.ReadAllAsync(streams, stream)).Count;
}
