using TurbineConsole.Pipeline.Checkpoints;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Checkpoints in the embedded database: one row per (consumer, stream, shard) holding the last finished sequence
/// number and the consumer's state, replaced in one transaction so that position and state always match; and one
/// row per claimed shard in <c>shard_owners</c> holding its owner epoch, checked in the transaction of a fenced save.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    /// <summary>The database.</summary>
    private readonly EmbeddedDatabase _db;

    /// <summary>A checkpoint store over <paramref name="db"/>.</summary>
    public SqliteCheckpointStore(EmbeddedDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
    }

    /// <inheritdoc />
    public Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        var checkpoint = _db.Read(session =>
        {
            var select = session.Command(
                "SELECT sequence_number, state FROM checkpoints WHERE consumer = $p0 AND stream_name = $p1 AND shard_id = $p2", 3);
            select.Parameters[0].Value = consumer;
            select.Parameters[1].Value = streamName;
            select.Parameters[2].Value = shardId;
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new Checkpoint(consumer, streamName, shardId, reader.GetString(0), reader.GetFieldValue<byte[]>(1))
                : null;
        });
        return Task.FromResult(checkpoint);
    }

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) => SaveAsync(checkpoint, null, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) => SaveAsync(checkpoint, (long?)ownerEpoch, cancellationToken);

    /// <inheritdoc />
    public Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        // One write transaction: the epoch read and the epoch written cannot have another claim between them.
        return _db.WriteAsync(session =>
        {
            var claim = session.Command(
                """
                INSERT INTO shard_owners (consumer, stream_name, shard_id, epoch, owner, claimed_ms) VALUES ($p0, $p1, $p2, 1, $p3, $p4)
                ON CONFLICT (consumer, stream_name, shard_id) DO UPDATE SET epoch = epoch + 1, owner = excluded.owner, claimed_ms = excluded.claimed_ms
                RETURNING epoch
                """,
                5);
            claim.Parameters[0].Value = consumer;
            claim.Parameters[1].Value = streamName;
            claim.Parameters[2].Value = shardId;
            claim.Parameters[3].Value = owner;
            claim.Parameters[4].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return Convert.ToInt64(claim.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default)
    {
        var owner = _db.Read(session =>
        {
            var select = session.Command("SELECT epoch, owner, claimed_ms FROM shard_owners WHERE consumer = $p0 AND stream_name = $p1 AND shard_id = $p2", 3);
            select.Parameters[0].Value = consumer;
            select.Parameters[1].Value = streamName;
            select.Parameters[2].Value = shardId;
            using var reader = select.ExecuteReader();
            return reader.Read() ? new ShardOwner(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))) : null;
        });
        return Task.FromResult(owner);
    }

    /// <summary>Replaces the checkpoint; with an owner epoch, only while it is still the shard's (checked in the same transaction).</summary>
    private Task SaveAsync(Checkpoint checkpoint, long? ownerEpoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.Consumer);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.StreamName);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.ShardId);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.SequenceNumber);
        var state = DatabaseSession.Blob(checkpoint.State);
        return _db.WriteAsync(session =>
        {
            if (ownerEpoch is { } expected)
            {
                var select = session.Command("SELECT epoch FROM shard_owners WHERE consumer = $p0 AND stream_name = $p1 AND shard_id = $p2", 3);
                select.Parameters[0].Value = checkpoint.Consumer;
                select.Parameters[1].Value = checkpoint.StreamName;
                select.Parameters[2].Value = checkpoint.ShardId;
                var current = select.ExecuteScalar() is long stored ? stored : 0;
                if (current != expected)
                {
                    throw new OwnershipLostException(checkpoint.Consumer, checkpoint.StreamName, checkpoint.ShardId, expected,
                        current > expected ? $"epoch {current} has claimed it since." : $"the shard's owner epoch is {current}.");
                }
            }

            var upsert = session.Command(
                """
                INSERT INTO checkpoints (consumer, stream_name, shard_id, sequence_number, state, saved_ms) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
                ON CONFLICT (consumer, stream_name, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, state = excluded.state, saved_ms = excluded.saved_ms
                """,
                6);
            upsert.Parameters[0].Value = checkpoint.Consumer;
            upsert.Parameters[1].Value = checkpoint.StreamName;
            upsert.Parameters[2].Value = checkpoint.ShardId;
            upsert.Parameters[3].Value = checkpoint.SequenceNumber;
            upsert.Parameters[4].Value = state;
            upsert.Parameters[5].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return upsert.ExecuteNonQuery();
        }, cancellationToken);
    }
}
