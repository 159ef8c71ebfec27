using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// The embedded backend's one SQLite file (WAL journal, synchronous NORMAL: a committed write survives a process
/// crash). SQLite allows one writer at a time, so every write goes through one writer connection guarded by a lock,
/// one transaction per call, with prepared commands reused across calls; reads use their own connections, so in WAL
/// mode readers never wait for the writer. Streams, tables, checkpoints and dead letters all live here.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this code writes; a file with a newer one is refused rather than misread.</summary>
    private const int SchemaVersion = 3;

    /// <summary>How long a connection waits for a lock held by another connection (another process) before failing.</summary>
    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Serializes writers: SQLite has one writer at a time and the writer connection is not thread-safe.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>The writer's connection and its prepared commands.</summary>
    private readonly DatabaseSession _writer;

    /// <summary>Idle read connections, each with its prepared commands; rented per read, returned after.</summary>
    private readonly ConcurrentBag<DatabaseSession> _idleReaders = [];

    /// <summary>Every read connection opened, so that disposal closes them all.</summary>
    private readonly ConcurrentBag<DatabaseSession> _allReaders = [];

    /// <summary>The connection string for read connections (read-only, no pooling: this class pools).</summary>
    private readonly string _readConnectionString;

    /// <summary>Set once disposed.</summary>
    private volatile bool _disposed;

    /// <summary>
    /// Makes the database file readable and writable by the app's user only (created that way when missing, narrowed when
    /// it exists): it holds every reading, incident and dead letter. SQLite gives its -wal and -shm files the same mode.
    /// Nothing to do on Windows, where the folder's ACL decides.
    /// </summary>
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly }))
            {
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~ownerOnly) != 0)
            {
                File.SetUnixFileMode(file, ownerOnly);
            }
        }
    }

    /// <summary>Opens the database file at <paramref name="path"/>, creating it, its directory and its schema if missing.</summary>
    public EmbeddedDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            RestrictToOwner(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineStartException(
                $"The data directory '{directory}' cannot be written ({e.Message.TrimEnd('.')}). Make it writable by the user the app runs as, or set Pipeline:DataDirectory to another folder.",
                e);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)s_busyTimeout.TotalSeconds,
        };
        var writerConnection = new SqliteConnection(builder.ToString());
        try
        {
            writerConnection.Open();
            Execute(writerConnection, $"PRAGMA busy_timeout = {(int)s_busyTimeout.TotalMilliseconds};");
            var journalMode = Scalar(writerConnection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(journalMode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database '{Path}' could not be switched to WAL mode (journal_mode is '{journalMode}').");
            }

            Execute(writerConnection, "PRAGMA synchronous = NORMAL;");
            Execute(writerConnection, "PRAGMA foreign_keys = OFF;");
            CheckIntegrity(writerConnection);
            CreateSchema(writerConnection);
        }
        catch (SqliteException e)
        {
            writerConnection.Dispose();
            throw StartFailure(e);
        }
        catch
        {
            writerConnection.Dispose();
            throw;
        }

        _writer = new DatabaseSession(writerConnection);
        builder.Mode = SqliteOpenMode.ReadOnly;
        _readConnectionString = builder.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction on the writer connection (waiting for any other writer),
    /// commits it, or rolls it back if <paramref name="work"/> throws.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<DatabaseSession, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer.Connection.BeginTransaction(deferred: false);
            _writer.Transaction = transaction;
            try
            {
                var result = work(_writer);
                transaction.Commit();
                return result;
            }
            finally
            {
                _writer.Transaction = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a read connection (never blocked by the writer).</summary>
    internal T Read<T>(Func<DatabaseSession, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idleReaders.TryTake(out var session))
        {
            var connection = new SqliteConnection(_readConnectionString);
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)s_busyTimeout.TotalMilliseconds};");
            session = new DatabaseSession(connection);
            _allReaders.Add(session);
        }

        try
        {
            return work(session);
        }
        finally
        {
            if (_disposed)
            {
                session.Dispose();
            }
            else
            {
                _idleReaders.Add(session);
            }
        }
    }

    /// <summary>
    /// Closes every connection, after copying the write-ahead log into the database file and emptying it (committed
    /// writes are durable either way; a clean stop leaves one file that a backup can copy on its own).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeLock.Wait();
        try
        {
            foreach (var reader in _allReaders)
            {
                reader.Dispose();
            }

            try
            {
                Execute(_writer.Connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // The log stays; SQLite replays it at the next open.
            }

            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes every connection (see <see cref="Dispose"/>).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// SQLite's quick check of the whole file (every page and index entry is readable and well formed; seconds for a
    /// file of gigabytes): a damaged file is refused at start with what to do, instead of consumers failing on it later.
    /// </summary>
    private void CheckIntegrity(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5);";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            problems.Add(reader.GetString(0));
        }

        if (problems is not ["ok"])
        {
            throw Damaged(string.Join("; ", problems), null);
        }
    }

    /// <summary>What an operator is told when SQLite refuses the file at start.</summary>
    private PipelineStartException StartFailure(SqliteException e) => e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB => Damaged(e.Message.TrimEnd('.'), e),
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => new PipelineStartException(
            $"The database file '{Path}' is locked by another process ({e.Message.TrimEnd('.')}). Stop the other TurbineConsole using this data directory, or set Pipeline:DataDirectory to another folder.",
            e),
        _ => new PipelineStartException(
            $"The database file '{Path}' cannot be opened for writing ({e.Message.TrimEnd('.')}). Make the file and its folder writable by the user the app runs as and check the free disk space, or set Pipeline:DataDirectory to another folder.",
            e),
    };

    /// <summary>The message for a damaged file: where it is and how to get going again without losing what can be saved.</summary>
    private PipelineStartException Damaged(string detail, Exception? inner) => new(
        $"The database file '{Path}' is damaged ({detail}). Stop the app, move the file and its -wal and -shm files aside (keep them: `sqlite3 <file> .recover` can save what is readable), then start again with an empty database or restore a backup.",
        inner);

    /// <summary>Creates the tables if they do not exist and checks the file's schema version.</summary>
    private void CreateSchema(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new PipelineStartException(
                $"The database '{Path}' has schema version {version}, newer than this program's {SchemaVersion}. Use a newer TurbineConsole or another data directory.");
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = EmbeddedSchema.UpgradeFrom(version) + EmbeddedSchema.Ddl + $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Runs one statement without parameters.</summary>
    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs one statement and returns the first column of its first row.</summary>
    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
