using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Tests.Embedded;

namespace TurbineConsole.Tests.Core.Checkpoints;

/// <summary>A worker's checkpoint store saves a fenced consumer's shard only while it holds it, under its epoch.</summary>
public sealed class FencedCheckpointStoreTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    private const string Shard = "shardId-000000000001";

    [Fact]
    public async Task A_fenced_consumers_save_for_a_shard_not_held_here_is_refused_and_another_consumers_passes()
    {
        var stream = "s-" + Guid.NewGuid().ToString("N");
        var store = new FencedCheckpointStore(new SqliteCheckpointStore(directory.SharedDatabase));
        store.Fence("AnomalyDetection");

        await Assert.ThrowsAsync<OwnershipLostException>(() => store.SaveAsync(new Checkpoint("AnomalyDetection", stream, Shard, "5", new byte[] { 1 })));
        await store.SaveAsync(new Checkpoint("AnomalyDetection.keys", stream, "Site A", "5", new byte[] { 2 }));

        Assert.Null(await store.LoadAsync("AnomalyDetection", stream, Shard));
        Assert.Equal("5", (await store.LoadAsync("AnomalyDetection.keys", stream, "Site A"))!.SequenceNumber);
    }

    [Fact]
    public async Task A_worker_saves_while_it_holds_the_shard_and_not_once_another_worker_claimed_it()
    {
        var stream = "s-" + Guid.NewGuid().ToString("N");
        var shared = new SqliteCheckpointStore(directory.SharedDatabase);
        var first = new FencedCheckpointStore(shared);
        var second = new FencedCheckpointStore(shared);
        first.Fence("AnomalyDetection");
        second.Fence("AnomalyDetection");

        await first.HoldAsync("AnomalyDetection", stream, Shard, "worker-a");
        await first.SaveAsync(new Checkpoint("AnomalyDetection", stream, Shard, "10", new byte[] { 1 }));
        await second.HoldAsync("AnomalyDetection", stream, Shard, "worker-b");
        await Assert.ThrowsAsync<OwnershipLostException>(() => first.SaveAsync(new Checkpoint("AnomalyDetection", stream, Shard, "20", new byte[] { 2 })));
        first.Release("AnomalyDetection", stream, Shard);

        Assert.Null(first.HeldEpoch("AnomalyDetection", stream, Shard));
        Assert.Equal(2, second.HeldEpoch("AnomalyDetection", stream, Shard));
        Assert.Equal("10", (await shared.LoadAsync("AnomalyDetection", stream, Shard))!.SequenceNumber);
    }
}
