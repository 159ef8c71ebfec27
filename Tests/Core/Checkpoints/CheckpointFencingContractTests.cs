using TurbineConsole.Pipeline.Checkpoints;

namespace TurbineConsole.Tests.Core.Checkpoints;

/// <summary>
/// What every checkpoint store does for a cluster: a claim raises a shard's owner epoch by one, a save under the
/// current epoch is stored, and a save under an older one (a worker that lost the shard) is refused and changes nothing.
/// Each adapter runs these against its technology.
/// </summary>
public abstract class CheckpointFencingContractTests
{
    private const string Shard = "shardId-000000000002";

    /// <summary>A store of the adapter under test.</summary>
    protected abstract Task<ICheckpointStore> CreateStoreAsync();

    private static string NewStream() => "s-" + Guid.NewGuid().ToString("N");

    private static Checkpoint At(string stream, string sequenceNumber, byte[]? state = null) =>
        new("AnomalyDetection", stream, Shard, sequenceNumber, state ?? [1, 2, 3]);

    [Fact]
    public async Task Each_claim_raises_the_owner_epoch_by_one_and_names_the_last_owner()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();

        var first = await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-a");
        var second = await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-b");
        var owner = await store.OwnerAsync("AnomalyDetection", stream, Shard);

        Assert.Equal((1L, 2L), (first, second));
        Assert.Equal((2L, "worker-b"), (owner!.Epoch, owner.Owner));
        Assert.Null(await store.OwnerAsync("AnomalyDetection", stream, "shardId-000000000009"));
    }

    [Fact]
    public async Task A_claim_alone_is_no_checkpoint()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();

        await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-a");

        Assert.Null(await store.LoadAsync("AnomalyDetection", stream, Shard));
    }

    [Fact]
    public async Task A_save_under_the_current_epoch_is_stored_and_keeps_the_claim()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();
        var epoch = await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-a");

        await store.SaveAsync(At(stream, "10", [7, 7]), epoch);
        await store.SaveAsync(At(stream, "20", [8, 8]), epoch);
        var loaded = await store.LoadAsync("AnomalyDetection", stream, Shard);

        Assert.Equal("20", loaded!.SequenceNumber);
        Assert.Equal(new byte[] { 8, 8 }, loaded.State.ToArray());
        Assert.Equal(epoch, (await store.OwnerAsync("AnomalyDetection", stream, Shard))!.Epoch);
    }

    [Fact]
    public async Task A_stale_owners_save_is_refused_and_the_new_owners_checkpoint_stays()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();
        var stale = await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-a");
        await store.SaveAsync(At(stream, "10", [1]), stale);
        var current = await store.ClaimAsync("AnomalyDetection", stream, Shard, "worker-b");

        var refused = await Assert.ThrowsAsync<OwnershipLostException>(() => store.SaveAsync(At(stream, "20", [2]), stale));
        var afterRefusal = await store.LoadAsync("AnomalyDetection", stream, Shard);
        await store.SaveAsync(At(stream, "30", [3]), current);
        await Assert.ThrowsAsync<OwnershipLostException>(() => store.SaveAsync(At(stream, "40", [4]), stale));
        var last = await store.LoadAsync("AnomalyDetection", stream, Shard);

        Assert.Equal(("AnomalyDetection", Shard), (refused.Consumer, refused.ShardId));
        Assert.Equal("10", afterRefusal!.SequenceNumber);
        Assert.Equal("30", last!.SequenceNumber);
        Assert.Equal(new byte[] { 3 }, last.State.ToArray());
    }

    [Fact]
    public async Task A_save_under_an_epoch_never_claimed_is_refused()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();

        await Assert.ThrowsAsync<OwnershipLostException>(() => store.SaveAsync(At(stream, "10"), 1));

        Assert.Null(await store.LoadAsync("AnomalyDetection", stream, Shard));
    }

    [Fact]
    public async Task Claims_at_the_same_time_each_get_an_epoch_of_their_own()
    {
        var store = await CreateStoreAsync();
        var stream = NewStream();

        var epochs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.ClaimAsync("AnomalyDetection", stream, Shard, $"worker-{i}"))));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], epochs.Order().ToArray());
    }
}
