using Microsoft.Data.Sqlite;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Embedded;

/// <summary>Opening, configuring and closing the embedded database file.</summary>
public sealed class EmbeddedDatabaseTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    [Fact]
    public void Opening_creates_the_missing_directory_and_the_file()
    {
        var path = directory.NewDatabasePath();

        using var db = new EmbeddedDatabase(path);

        Assert.True(File.Exists(path));
        Assert.Equal(Path.GetFullPath(path), db.Path);
    }

    [Fact]
    public async Task The_database_and_its_wal_files_are_readable_by_the_apps_user_only()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = directory.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var db = new EmbeddedDatabase(path);
        await using var backend = new TurbineConsole.Pipeline.Runtime.PipelineBackend(new SqliteStreamClient(db), new SqliteTableStore(db), new SqliteCheckpointStore(db), new SqliteDeadLetterStore(db));
        await backend.Streams.CreateStreamAsync("PermissionsStream", 1);

        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(File.Exists(path + "-wal"));
    }

    [Fact]
    public void File_is_in_WAL_mode_with_the_schema()
    {
        var path = directory.NewDatabasePath();
        using (new EmbeddedDatabase(path))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var journalMode = command.ExecuteScalar();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('streams', 'shards', 'records', 'tables', 'items', 'checkpoints', 'dead_letters')";
        var tables = command.ExecuteScalar();

        Assert.Equal("wal", journalMode);
        Assert.Equal(7L, tables);
    }

    [Fact]
    public void File_from_a_newer_version_is_refused_with_a_clear_message()
    {
        var path = directory.NewDatabasePath();
        using (new EmbeddedDatabase(path))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<PipelineStartException>(() => new EmbeddedDatabase(path));

        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public async Task A_file_with_damaged_pages_is_refused_at_open_with_its_path_and_what_to_do()
    {
        var path = directory.NewDatabasePath();
        await using (var db = new EmbeddedDatabase(path))
        {
            var streams = new SqliteStreamClient(db);
            await streams.CreateStreamAsync("damaged", 1);
            var records = Enumerable.Range(0, 400).Select(i => new PutRecordsEntry("key-" + i, new byte[200])).ToList();
            for (var batch = 0; batch < 5; batch++)
                await streams.PutRecordsAsync("damaged", records);
        }

        var pages = new FileInfo(path).Length / 4096;
        Assert.True(pages > 20, $"The test needs a file of many pages; it has {pages}.");
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 * (pages / 2);
            file.Write(Enumerable.Repeat((byte)0xA5, 4096 * 3).ToArray());
        }

        var error = Assert.Throws<PipelineStartException>(() => new EmbeddedDatabase(path));

        Assert.Contains($"The database file '{Path.GetFullPath(path)}' is damaged", error.Message);
        Assert.Contains(".recover", error.Message);
    }

    [Fact]
    public async Task Closing_copies_the_write_ahead_log_into_the_file_and_empties_it()
    {
        var path = directory.NewDatabasePath();
        var db = new EmbeddedDatabase(path);
        var streams = new SqliteStreamClient(db);
        await streams.CreateStreamAsync("closing", 1);
        await streams.PutRecordsAsync("closing", [new PutRecordsEntry("k", new byte[1000])]);
        Assert.True(new FileInfo(path + "-wal").Length > 0, "The write should be in the write-ahead log before closing.");

        await db.DisposeAsync();

        Assert.True(!File.Exists(path + "-wal") || new FileInfo(path + "-wal").Length == 0);
        using var reopened = new EmbeddedDatabase(path);
        Assert.Equal(1, (await new SqliteStreamClient(reopened).DescribeStreamAsync("closing")).OpenShardCount);
    }

    [Fact]
    public async Task Disposed_database_refuses_further_use()
    {
        var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db);

        await db.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.CreateStreamAsync("after-dispose", 1));
    }

    [Fact]
    public async Task Reader_is_not_blocked_by_an_open_write_transaction_and_does_not_see_its_uncommitted_rows()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var store = new SqliteDeadLetterStore(db);

        var countSeenDuringWrite = await db.WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO dead_letters (consumer, stream_name, shard_id, sequence_number, data, reason, failed_ms) VALUES ('c', 's', 'sh', '1', x'00', 'r', 0)", 0);
            insert.ExecuteNonQuery();
            var reader = Task.Run(() => store.CountAsync());
            return reader.Wait(TimeSpan.FromSeconds(5)) ? reader.Result : -1;
        }, CancellationToken.None);

        Assert.Equal(0, countSeenDuringWrite);
        Assert.Equal(1, await store.CountAsync());
    }
}
