using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>The embedded backend: streams, tables, checkpoints and dead letters in one SQLite file.</summary>
public static class EmbeddedBackend
{
    /// <summary>
    /// Opens (creating if missing) the database at <paramref name="databasePath"/> and the four ports over it; streams
    /// created without a retention keep records for <paramref name="retention"/> (default 24 hours).
    /// </summary>
    public static PipelineBackend Open(string databasePath, TimeSpan? retention = null, TimeProvider? timeProvider = null)
    {
        var db = new EmbeddedDatabase(databasePath);
        return new PipelineBackend(
            new SqliteStreamClient(db, timeProvider, retention),
            new SqliteTableStore(db),
            new SqliteCheckpointStore(db),
            new SqliteDeadLetterStore(db),
            db);
    }
}
