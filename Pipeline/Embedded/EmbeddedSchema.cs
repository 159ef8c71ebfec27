namespace TurbineConsole.Pipeline.Embedded;

/// <summary>The tables of the embedded database.</summary>
internal static class EmbeddedSchema
{
    /// <summary>
    /// The DDL, idempotent. Stream records are keyed by one integer, <c>(shard id &lt;&lt; 43) | sequence</c>
    /// (see <see cref="RecordKeys"/>), so a shard is a contiguous range of the table's rowid: puts append at the end
    /// of a range, reads and trims are range scans, and no second index is written. Item key columns have no declared
    /// type on purpose: SQLite then keeps numbers as REAL (compared numerically) and strings as TEXT (compared as UTF-8
    /// bytes, as DynamoDB does).
    /// </summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS streams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            shard_count INTEGER NOT NULL,
            retention_ms INTEGER NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS shards (
            id INTEGER PRIMARY KEY,
            stream_id INTEGER NOT NULL,
            shard_index INTEGER NOT NULL,
            starting_hash_key TEXT NOT NULL,
            ending_hash_key TEXT NOT NULL,
            next_sequence INTEGER NOT NULL,
            last_arrival_ms INTEGER NOT NULL,
            parent_index INTEGER NOT NULL DEFAULT -1,
            adjacent_parent_index INTEGER NOT NULL DEFAULT -1,
            starting_sequence INTEGER NOT NULL DEFAULT 0,
            ending_sequence INTEGER NOT NULL DEFAULT -1,
            UNIQUE (stream_id, shard_index)
        );
        CREATE TABLE IF NOT EXISTS records (
            id INTEGER PRIMARY KEY,
            arrival_ms INTEGER NOT NULL,
            partition_key TEXT NOT NULL,
            data BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS tables (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            partition_key_name TEXT NOT NULL,
            partition_key_type INTEGER NOT NULL,
            sort_key_name TEXT,
            sort_key_type INTEGER,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS items (
            table_id INTEGER NOT NULL,
            pk NOT NULL,
            sk NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (table_id, pk, sk)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoints (
            consumer TEXT NOT NULL,
            stream_name TEXT NOT NULL,
            shard_id TEXT NOT NULL,
            sequence_number TEXT NOT NULL,
            state BLOB NOT NULL,
            saved_ms INTEGER NOT NULL,
            PRIMARY KEY (consumer, stream_name, shard_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS shard_owners (
            consumer TEXT NOT NULL,
            stream_name TEXT NOT NULL,
            shard_id TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            owner TEXT NOT NULL,
            claimed_ms INTEGER NOT NULL,
            PRIMARY KEY (consumer, stream_name, shard_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters (
            id INTEGER PRIMARY KEY,
            consumer TEXT NOT NULL,
            stream_name TEXT NOT NULL,
            shard_id TEXT NOT NULL,
            sequence_number TEXT NOT NULL,
            data BLOB NOT NULL,
            reason TEXT NOT NULL,
            failed_ms INTEGER NOT NULL,
            partition_key TEXT NOT NULL DEFAULT '',
            UNIQUE (consumer, stream_name, shard_id, sequence_number)
        );
        CREATE INDEX IF NOT EXISTS dead_letters_by_consumer ON dead_letters (consumer, id);
        CREATE INDEX IF NOT EXISTS dead_letters_by_failure_time ON dead_letters (failed_ms);

        """;

    /// <summary>
    /// What a file of an older schema version needs before <see cref="Ddl"/> (which only creates what is missing):
    /// version 2 keeps each dead letter's partition key, for re-drives; version 3 each shard's lineage and sequence range,
    /// for splits and merges (the shards of older files are open, without parents).
    /// </summary>
    public static string UpgradeFrom(int version) =>
        (version is >= 1 and < 2 ? "ALTER TABLE dead_letters ADD COLUMN partition_key TEXT NOT NULL DEFAULT '';" : string.Empty)
        + (version is >= 1 and < 3
            ? """
              ALTER TABLE shards ADD COLUMN parent_index INTEGER NOT NULL DEFAULT -1;
              ALTER TABLE shards ADD COLUMN adjacent_parent_index INTEGER NOT NULL DEFAULT -1;
              ALTER TABLE shards ADD COLUMN starting_sequence INTEGER NOT NULL DEFAULT 0;
              ALTER TABLE shards ADD COLUMN ending_sequence INTEGER NOT NULL DEFAULT -1;
              """
            : string.Empty);
}
