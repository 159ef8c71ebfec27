using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>The embedded backend: streams, tables, checkpoints and dead letters in one SQLite file.</summary>
public static class EmbeddedBackend
{
    /// <summary>Opens (creating if missing) the database at <paramref name="databasePath"/> and the four ports over it.</summary>
    public static PipelineBackend Open(string databasePath, TimeProvider? timeProvider = null)
    {
        var db = new EmbeddedDatabase(databasePath);
        return new PipelineBackend(
            new SqliteStreamClient(db, timeProvider),
            new SqliteTableStore(db),
            new SqliteCheckpointStore(db),
            new SqliteDeadLetterStore(db),
            db);
    }
}
