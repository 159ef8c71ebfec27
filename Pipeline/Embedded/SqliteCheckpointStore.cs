using TurbineConsole.Pipeline.Checkpoints;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Checkpoints in the embedded database: one row per (consumer, stream, shard) holding the last finished sequence
/// number and the consumer's state, replaced in one transaction so that position and state always match.
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
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.Consumer);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.StreamName);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.ShardId);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.SequenceNumber);
        var state = DatabaseSession.Blob(checkpoint.State);
        return _db.WriteAsync(session =>
        {
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
