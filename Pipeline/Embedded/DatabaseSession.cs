using Microsoft.Data.Sqlite;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// One SQLite connection and its prepared commands, kept for the connection's life so that a statement is compiled
/// once and then only re-bound. A session is used by one thread at a time (the database hands it out).
/// </summary>
internal sealed class DatabaseSession(SqliteConnection connection) : IDisposable
{
    /// <summary>Bytes as an array to bind as a blob: the memory's own array when it is a whole one, else a copy.</summary>
    public static byte[] Blob(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();

    /// <summary>Prepared commands by their SQL text.</summary>
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The connection.</summary>
    public SqliteConnection Connection { get; } = connection;

    /// <summary>The open write transaction, when this is the writer inside <see cref="EmbeddedDatabase.WriteAsync{T}"/>.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>
    /// The prepared command for <paramref name="sql"/> (one statement), bound to the current transaction. Parameters
    /// are named <c>$p0</c>, <c>$p1</c>, ... in the SQL and set by position.
    /// </summary>
    public SqliteCommand Command(string sql, int parameterCount)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameterCount; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            _commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Disposes the commands and closes the connection.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
