using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Checkpoints;

namespace TurbineConsole.Tests.Aws;

/// <summary>Checkpoints in DynamoDB (dynalite), including states larger than a DynamoDB item.</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbCheckpointStoreTests(LocalAwsServers servers)
{
    private DynamoDbCheckpointStore Store() => new(servers.Options());

    private static byte[] State(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Missing_checkpoint_loads_as_null()
    {
        Assert.Null(await Store().LoadAsync("AnomalyDetection", "s-" + Guid.NewGuid().ToString("N"), "shardId-000000000000"));
    }

    [Fact]
    public async Task Small_state_round_trips_with_its_sequence_number()
    {
        var store = Store();
        var stream = "s-" + Guid.NewGuid().ToString("N");
        var state = State(1000, 1);

        await store.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000000", "49590338271490256608559692538361571095921575989136588898", state));
        var loaded = await Store().LoadAsync("AnomalyDetection", stream, "shardId-000000000000");

        Assert.Equal("49590338271490256608559692538361571095921575989136588898", loaded!.SequenceNumber);
        Assert.Equal(state, loaded.State.ToArray());
    }

    [Fact]
    public async Task State_over_400_KB_is_split_into_chunks_and_read_back_whole_and_a_later_save_replaces_it()
    {
        var store = Store();
        var stream = "s-" + Guid.NewGuid().ToString("N");
        var big = State(1_200_000, 2);
        var bigger = State(900_000, 3);
        var small = State(10, 4);

        await store.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000001", "100", big));
        var first = await Store().LoadAsync("AnomalyDetection", stream, "shardId-000000000001");
        await store.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000001", "200", bigger));
        var second = await Store().LoadAsync("AnomalyDetection", stream, "shardId-000000000001");
        await store.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000001", "300", small));
        var third = await Store().LoadAsync("AnomalyDetection", stream, "shardId-000000000001");

        Assert.Equal(["100", "200", "300"], new[] { first!.SequenceNumber, second!.SequenceNumber, third!.SequenceNumber });
        Assert.Equal(big, first.State.ToArray());
        Assert.Equal(bigger, second.State.ToArray());
        Assert.Equal(small, third.State.ToArray());
    }
}
