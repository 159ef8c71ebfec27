using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Tests.Core.Checkpoints;

namespace TurbineConsole.Tests.Aws;

/// <summary>The checkpoint fencing contract against <see cref="DynamoDbCheckpointStore"/> on dynalite, and its chunked states.</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbCheckpointFencingContractTests(LocalAwsServers servers) : CheckpointFencingContractTests
{
    protected override Task<ICheckpointStore> CreateStoreAsync() => Task.FromResult<ICheckpointStore>(new DynamoDbCheckpointStore(servers.Options()));

    [Fact]
    public async Task A_stale_owner_with_a_state_over_400_KB_neither_commits_nor_deletes_the_new_owners_chunks()
    {
        var stream = "s-" + Guid.NewGuid().ToString("N");
        var staleStore = new DynamoDbCheckpointStore(servers.Options());
        var currentStore = new DynamoDbCheckpointStore(servers.Options());
        var staleState = new byte[900_000];
        var currentState = new byte[1_100_000];
        new Random(1).NextBytes(staleState);
        new Random(2).NextBytes(currentState);
        var stale = await staleStore.ClaimAsync("AnomalyDetection", stream, "shardId-000000000000", "worker-a");
        await staleStore.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000000", "10", staleState), stale);
        var current = await currentStore.ClaimAsync("AnomalyDetection", stream, "shardId-000000000000", "worker-b");
        await currentStore.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000000", "20", currentState), current);

        await Assert.ThrowsAsync<OwnershipLostException>(() =>
            staleStore.SaveAsync(new Checkpoint("AnomalyDetection", stream, "shardId-000000000000", "30", staleState), stale));
        var loaded = await new DynamoDbCheckpointStore(servers.Options()).LoadAsync("AnomalyDetection", stream, "shardId-000000000000");

        Assert.Equal("20", loaded!.SequenceNumber);
        Assert.Equal(currentState, loaded.State.ToArray());
    }
}
