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
                INSERT INTO dead_letters (consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
                ON CONFLICT (consumer, stream_name, shard_id, sequence_number) DO NOTHING
                """,
                7);
            insert.Parameters[0].Value = deadLetter.Consumer;
            insert.Parameters[1].Value = deadLetter.StreamName;
            insert.Parameters[2].Value = deadLetter.ShardId;
            insert.Parameters[3].Value = deadLetter.SequenceNumber;
            insert.Parameters[4].Value = data;
            insert.Parameters[5].Value = deadLetter.Reason ?? string.Empty;
            insert.Parameters[6].Value = deadLetter.FailedAt.ToUnixTimeMilliseconds();
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
                ? session.Command("SELECT consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms FROM dead_letters ORDER BY id DESC LIMIT $p1", 2)
                : session.Command("SELECT consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms FROM dead_letters WHERE consumer = $p0 ORDER BY id DESC LIMIT $p1", 2);
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
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
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
}
