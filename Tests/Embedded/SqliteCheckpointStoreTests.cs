using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Embedded;

namespace TurbineConsole.Tests.Embedded;

/// <summary>Checkpoints in the embedded database.</summary>
public sealed class SqliteCheckpointStoreTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    [Fact]
    public async Task Consumer_that_never_checkpointed_has_no_checkpoint()
    {
        var store = new SqliteCheckpointStore(directory.SharedDatabase);

        Assert.Null(await store.LoadAsync("never-" + Guid.NewGuid().ToString("N"), "WindDataStream", "shardId-000000000000"));
    }

    [Fact]
    public async Task Saved_checkpoint_is_loaded_with_its_position_and_state()
    {
        var store = new SqliteCheckpointStore(directory.SharedDatabase);
        var consumer = "AnomalyDetection-" + Guid.NewGuid().ToString("N");
        var saved = new Checkpoint(consumer, "WindDataStream", "shardId-000000000001", "00000000000000000042", new byte[] { 1, 2, 0, 255 });

        await store.SaveAsync(saved);
        var loaded = await store.LoadAsync(consumer, "WindDataStream", "shardId-000000000001");

        Assert.NotNull(loaded);
        Assert.Equal("00000000000000000042", loaded.SequenceNumber);
        Assert.Equal(new byte[] { 1, 2, 0, 255 }, loaded.State.ToArray());
        Assert.Equal((consumer, "WindDataStream", "shardId-000000000001"), (loaded.Consumer, loaded.StreamName, loaded.ShardId));
    }

    [Fact]
    public async Task Saving_again_replaces_position_and_state_together()
    {
        var store = new SqliteCheckpointStore(directory.SharedDatabase);
        var consumer = "AnomalyDetection-" + Guid.NewGuid().ToString("N");
        await store.SaveAsync(new Checkpoint(consumer, "WindDataStream", "shardId-000000000000", "10", new byte[] { 1 }));

        await store.SaveAsync(new Checkpoint(consumer, "WindDataStream", "shardId-000000000000", "20", ReadOnlyMemory<byte>.Empty));
        var loaded = await store.LoadAsync(consumer, "WindDataStream", "shardId-000000000000");

        Assert.Equal("20", loaded!.SequenceNumber);
        Assert.True(loaded.State.IsEmpty);
    }

    [Fact]
    public async Task Checkpoints_of_different_consumers_and_shards_are_kept_apart()
    {
        var store = new SqliteCheckpointStore(directory.SharedDatabase);
        var suffix = Guid.NewGuid().ToString("N");
        await store.SaveAsync(new Checkpoint("A" + suffix, "S", "shardId-000000000000", "1", new byte[] { 1 }));
        await store.SaveAsync(new Checkpoint("A" + suffix, "S", "shardId-000000000001", "2", new byte[] { 2 }));
        await store.SaveAsync(new Checkpoint("B" + suffix, "S", "shardId-000000000000", "3", new byte[] { 3 }));

        Assert.Equal("1", (await store.LoadAsync("A" + suffix, "S", "shardId-000000000000"))!.SequenceNumber);
        Assert.Equal("2", (await store.LoadAsync("A" + suffix, "S", "shardId-000000000001"))!.SequenceNumber);
        Assert.Equal("3", (await store.LoadAsync("B" + suffix, "S", "shardId-000000000000"))!.SequenceNumber);
        Assert.Null(await store.LoadAsync("A" + suffix, "T", "shardId-000000000000"));
    }

    [Fact]
    public async Task Checkpoint_survives_reopening_the_database()
    {
        var path = directory.NewDatabasePath();
        await using (var db = new EmbeddedDatabase(path))
        {
            await new SqliteCheckpointStore(db).SaveAsync(new Checkpoint("Job", "S", "shardId-000000000000", "77", new byte[] { 9, 9 }));
        }

        await using var reopened = new EmbeddedDatabase(path);
        var loaded = await new SqliteCheckpointStore(reopened).LoadAsync("Job", "S", "shardId-000000000000");

        Assert.Equal("77", loaded!.SequenceNumber);
        Assert.Equal(new byte[] { 9, 9 }, loaded.State.ToArray());
    }
}
