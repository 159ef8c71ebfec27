using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Tests.Core.Checkpoints;

/// <summary>
/// What every checkpoint store does for a cluster: a claim raises a shard's owner epoch by one, a save under the
/// current epoch is stored, and a save under an older one (a worker that lost the shard) is refused and changes nothing;
/// the keys' states a shard's owner parks (one entry per key for the whole stream) are written only while it owns the
/// shard, and two owners writing one key's entry lose neither's version. Each adapter runs these against its technology.
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

    [Fact]
    public async Task A_worker_that_lost_the_shard_parks_no_key_state_for_it()
    {
        var inner = await CreateStoreAsync();
        var stream = NewStream();
        var lost = Worker(inner);
        var current = Worker(inner);
        await lost.HoldAsync("AnomalyDetection", stream, Shard, "worker-a");
        var lostKeys = new ParkedKeyStates(lost, "AnomalyDetection", stream, Shard);
        await lostKeys.SaveAsync("Chicago", "10", [1], null, CancellationToken.None);

        await current.HoldAsync("AnomalyDetection", stream, Shard, "worker-b");
        await Assert.ThrowsAsync<OwnershipLostException>(() => lostKeys.SaveAsync("Chicago", "20", [2], null, CancellationToken.None));
        var currentKeys = new ParkedKeyStates(current, "AnomalyDetection", stream, Shard);
        await currentKeys.SaveAsync("Chicago", "30", [3], null, CancellationToken.None);

        Assert.Equal(new byte[] { 1 }, await currentKeys.LoadAsync("Chicago", "25", CancellationToken.None));
        Assert.Equal(new byte[] { 3 }, await currentKeys.LoadAsync("Chicago", "31", CancellationToken.None));
    }

    [Fact]
    public async Task Two_owners_parking_one_key_at_the_same_time_lose_neither_version()
    {
        var inner = await CreateStoreAsync();
        var stream = NewStream();
        var child = Worker(inner);
        await child.HoldAsync("AnomalyDetection", stream, "shardId-000000000003", "worker-b");
        var childKeys = new ParkedKeyStates(child, "AnomalyDetection", stream, "shardId-000000000003");

        // The parent's owner has read the key's entry and is about to write it when the child's owner writes it first.
        var racing = new EntryReadHook(inner, () => childKeys.SaveAsync("Chicago", "30", [3], null, CancellationToken.None));
        var parent = Worker(racing);
        await parent.HoldAsync("AnomalyDetection", stream, Shard, "worker-a");
        var parentKeys = new ParkedKeyStates(parent, "AnomalyDetection", stream, Shard);
        await parentKeys.SaveAsync("Chicago", "20", [2], null, CancellationToken.None);

        Assert.Equal(2, racing.EntryReads);
        Assert.Equal(new byte[] { 2 }, await childKeys.LoadAsync("Chicago", "25", CancellationToken.None));
        Assert.Equal(new byte[] { 3 }, await childKeys.LoadAsync("Chicago", "31", CancellationToken.None));
    }

    /// <summary>A worker's view of the store: AnomalyDetection's saves fenced.</summary>
    private static FencedCheckpointStore Worker(ICheckpointStore inner)
    {
        var store = new FencedCheckpointStore(inner);
        store.Fence("AnomalyDetection");
        return store;
    }

    /// <summary>A store that, the first time a parked key entry is read, lets <paramref name="meanwhile"/> run before it answers.</summary>
    private sealed class EntryReadHook(ICheckpointStore inner, Func<Task> meanwhile) : ICheckpointStore
    {
        public int EntryReads { get; private set; }

        public async Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default)
        {
            var entry = await inner.LoadAsync(consumer, streamName, shardId, cancellationToken);
            if (consumer.EndsWith(".keys", StringComparison.Ordinal) && ++EntryReads == 1)
                await meanwhile();
            return entry;
        }

        public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveAsync(checkpoint, cancellationToken);

        public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) => inner.SaveAsync(checkpoint, ownerEpoch, cancellationToken);

        public Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(consumer, streamName, shardId, owner, cancellationToken);

        public Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
            inner.OwnerAsync(consumer, streamName, shardId, cancellationToken);
    }
}
