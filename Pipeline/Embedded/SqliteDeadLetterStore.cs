using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Dead letters in the embedded database, one per (consumer, stream, shard, sequence number): adding the same record
/// again (a retry, a replay after a restart) keeps the first one.
/// </summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore
{
    /// <summary>The database.</summary>
    private readonly EmbeddedDatabase _db;

    /// <summary>A dead-letter store over <paramref name="db"/>.</summary>
    public SqliteDeadLetterStore(EmbeddedDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _db = db;
    }

    /// <inheritdoc />
    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.Consumer);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.StreamName);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.ShardId);
        ArgumentException.ThrowIfNullOrEmpty(deadLetter.SequenceNumber);
        var data = DatabaseSession.Blob(deadLetter.Data);
        return _db.WriteAsync(session =>
        {
            var insert = session.Command(
                """
                INSERT INTO dead_letters (consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms, partition_key) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)
                ON CONFLICT (consumer, stream_name, shard_id, sequence_number) DO NOTHING
                """,
                8);
            insert.Parameters[0].Value = deadLetter.Consumer;
            insert.Parameters[1].Value = deadLetter.StreamName;
            insert.Parameters[2].Value = deadLetter.ShardId;
            insert.Parameters[3].Value = deadLetter.SequenceNumber;
            insert.Parameters[4].Value = data;
            insert.Parameters[5].Value = deadLetter.Reason ?? string.Empty;
            insert.Parameters[6].Value = deadLetter.FailedAt.ToUnixTimeMilliseconds();
            insert.Parameters[7].Value = deadLetter.PartitionKey ?? string.Empty;
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? consumer = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var list = _db.Read(session =>
        {
            var select = consumer is null
                ? session.Command("SELECT consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms, partition_key FROM dead_letters ORDER BY id DESC LIMIT $p1", 2)
                : session.Command("SELECT consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms, partition_key FROM dead_letters WHERE consumer = $p0 ORDER BY id DESC LIMIT $p1", 2);
            select.Parameters[0].Value = (object?)consumer ?? DBNull.Value;
            select.Parameters[1].Value = limit;
            using var reader = select.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    reader.GetString(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    reader.GetString(7)));
            }

            return letters;
        });
        return Task.FromResult<IReadOnlyList<DeadLetter>>(list);
    }

    /// <inheritdoc />
    public Task<long> CountAsync(string? consumer = null, CancellationToken cancellationToken = default)
    {
        var count = _db.Read(session =>
        {
            var select = consumer is null
                ? session.Command("SELECT count(*) FROM dead_letters", 0)
                : session.Command("SELECT count(*) FROM dead_letters WHERE consumer = $p0", 1);
            if (consumer is not null)
            {
                select.Parameters[0].Value = consumer;
            }

            return (long)select.ExecuteScalar()!;
        });
        return Task.FromResult(count);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetterCount>> CountByReasonAsync(CancellationToken cancellationToken = default)
    {
        var counts = _db.Read(session =>
        {
            var select = session.Command("SELECT consumer, reason, count(*) FROM dead_letters GROUP BY consumer, reason", 0);
            using var reader = select.ExecuteReader();
            var rows = new List<(string, string, long)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }

            return rows;
        });
        return Task.FromResult(DeadLetterReason.CountByCategory(counts));
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(IReadOnlyCollection<DeadLetterKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0
            ? Task.FromResult(0)
            : _db.WriteAsync(session =>
            {
                var delete = session.Command("DELETE FROM dead_letters WHERE consumer = $p0 AND stream_name = $p1 AND shard_id = $p2 AND sequence_number = $p3", 4);
                var deleted = 0;
                foreach (var key in keys)
                {
                    delete.Parameters[0].Value = key.Consumer;
                    delete.Parameters[1].Value = key.StreamName;
                    delete.Parameters[2].Value = key.ShardId;
                    delete.Parameters[3].Value = key.SequenceNumber;
                    deleted += delete.ExecuteNonQuery();
                }

                return deleted;
            }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> DeleteFailedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        // In batches, so that a large expiry never holds the one writer (and the pipeline's writes) for long.
        const int batch = 1000;
        var total = 0;
        int deleted;
        do
        {
            deleted = await _db.WriteAsync(session =>
            {
                var delete = session.Command("DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters WHERE failed_ms < $p0 LIMIT $p1)", 2);
                delete.Parameters[0].Value = cutoff.ToUnixTimeMilliseconds();
                delete.Parameters[1].Value = batch;
                return delete.ExecuteNonQuery();
            }, cancellationToken);
            total += deleted;
        }
        while (deleted == batch);
        return total;
    }
}
