using Microsoft.Data.Sqlite;
using TurbineConsole.Tests.Faults.Chaos;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Faults;

/// <summary>
/// Every write to the embedded backend's data directory failing for 20 s while the app runs.
/// How the writes are made to fail, and why not with chmod: the app opens its database file once, at start, and keeps it
/// open (one writer connection; WAL mode, whose -wal and -shm files exist from then on). Unix checks permissions when a
/// file is opened, not on each write, so a chmod of the folder (or of the files) to read-only during the run changes
/// nothing for the app, as root or as another user: we tried it (setpriv to uid 65534, folder 0500, writes went on).
/// A full disk would fail writes for real, but needs a filesystem of its own (a mount, so privileges CI may not have),
/// and SQLite rewrites the WAL file in place once it has grown, so it fails late and unevenly. What fails every write
/// at once, anywhere, is another process holding the database's write lock, as an operator's `sqlite3` session in a
/// transaction, or a backup tool would: the app's every transaction then waits its busy timeout (10 s) and fails with
/// SQLITE_BUSY ("database is locked"), for jobs, functions, checkpoints and alerts alike, while reads go on. The test
/// holds that lock for 20 s. The producer's puts (same file) fail too; it keeps its readings and puts them afterwards.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DataDirectoryWriteFailureTests(FaultFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Writes_failing_for_20_s_lose_nothing_and_the_app_catches_up_without_a_restart()
    {
        await using var run = await FaultRun.StartEmbeddedAsync(fixture.NewDirectory(), turbinesPerLocation: 3, fixture.Seed);
        var app = run.App.Current;

        await Readiness.AssertUnhealthyDuringAsync(app.BaseUrl, async () =>
        {
            await using var writeLock = await HoldWriteLockAsync(run.Options.DatabasePath);
            output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} write lock taken");
            await Task.Delay(TimeSpan.FromSeconds(20));
            output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} write lock released");
        }, output.WriteLine);
        var released = DateTimeOffset.UtcNow;
        var recovered = await run.WaitUntilCaughtUpAsync(released, TimeSpan.FromSeconds(90));
        output.WriteLine($"caught up {recovered.TotalSeconds:F1} s after the writes worked again; the producer's puts failed {run.Producer.FailedPuts} times");
        foreach (var line in run.StateChanges())
            output.WriteLine(line);
        await Readiness.AssertHealthyAfterAsync(app.BaseUrl, TimeSpan.FromSeconds(30), output.WriteLine);
        var audit = await run.FinishAsync(TimeSpan.FromSeconds(60));

        output.WriteLine(audit.ToString());
        Assert.True(audit.ExactlyOnce, audit.ToString());
        Assert.Same(app, run.App.Current);
        Assert.False(app.HasExited, "the app stopped:\n" + KillLoop.Tail(app.Output));
        // The writes really failed in the app, and its consumers said when they recovered.
        Assert.Contains("database is locked", app.Output, StringComparison.Ordinal);
        Assert.Contains(" is failing on ", app.Output, StringComparison.Ordinal);
        Assert.Contains(" recovered on ", app.Output, StringComparison.Ordinal);
        Assert.True(run.Producer.FailedPuts > 0, "the producer's puts never failed: the lock did not hold");
    }

    /// <summary>A connection of this process holding the database's write lock (an open IMMEDIATE transaction) until disposed.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
