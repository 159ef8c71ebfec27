using Microsoft.Data.Sqlite;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// A real fault for the embedded backend: another connection (as another process would) holds the database's write
/// lock, so every write of the app waits its busy timeout and fails with "database is locked", while reads go on
/// (WAL). Released on dispose.
/// </summary>
internal sealed class DatabaseWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;

    public DatabaseWriteLock(string dataDirectory)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "turbineconsole.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; BEGIN IMMEDIATE;";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }

        _connection.Dispose();
    }
}
