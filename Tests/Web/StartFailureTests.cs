using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Web;

/// <summary>
/// Start failures as an operator meets them: the app run as its own process refuses to start with one line naming
/// the setting or the file, a non-zero exit code that says which kind of failure it was, and no stack trace.
/// </summary>
public sealed class StartFailureTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-start-" + Guid.NewGuid().ToString("N"));

    public StartFailureTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_bad_setting_exits_with_2_and_names_every_bad_setting_without_a_stack_trace()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Pipeline:DataDirectory"] = _directory,
            ["Pipeline:Streams:ShardCount"] = "0",
            ["Alerts:Threshold"] = "-1",
        });

        Assert.Equal(2, await app.WaitForExitAsync(s_timeout));
        Assert.Contains("TurbineConsole cannot start: Pipeline:Streams:ShardCount must be 1 to 64; it is 0.", app.Output);
        Assert.Contains("TurbineConsole cannot start: Alerts:Threshold must be a positive number", app.Output);
        AssertNoStackTrace(app.Output);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_exits_with_3_naming_the_folder_and_the_setting()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var dataDirectory = Path.Combine(blocker, "data");
        using var app = AppProcess.Start(new Dictionary<string, string> { ["Pipeline:DataDirectory"] = dataDirectory });

        Assert.Equal(PipelineStartException.ExitCode, await app.WaitForExitAsync(s_timeout));
        Assert.Contains($"TurbineConsole cannot start: The data directory '{dataDirectory}' cannot be written", app.Output);
        Assert.Contains("set Pipeline:DataDirectory to another folder", app.Output);
        AssertNoStackTrace(app.Output);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_exits_with_3_naming_the_file_and_what_to_do()
    {
        var database = Path.Combine(_directory, "turbineconsole.db");
        await File.WriteAllBytesAsync(database, [.. "this is not SQLite"u8, .. new byte[8192]]);
        using var app = AppProcess.Start(new Dictionary<string, string> { ["Pipeline:DataDirectory"] = _directory });

        Assert.Equal(PipelineStartException.ExitCode, await app.WaitForExitAsync(s_timeout));
        Assert.Contains($"The database file '{database}' is damaged", app.Output);
        Assert.Contains("move the file and its -wal and -shm files aside", app.Output);
        AssertNoStackTrace(app.Output);
    }

    [Fact]
    public async Task A_clean_stop_exits_with_0_and_leaves_the_write_ahead_log_empty_and_the_data_readable()
    {
        using (var app = AppProcess.Start(new Dictionary<string, string> { ["Pipeline:DataDirectory"] = _directory }))
        {
            await app.WaitUntilListeningAsync(s_timeout);
            Assert.Equal(0, await app.StopAsync(s_timeout));
            AssertNoStackTrace(app.Output);
        }

        var wal = Path.Combine(_directory, "turbineconsole.db-wal");
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0, "The write-ahead log is not empty after a clean stop.");
        await using var backend = EmbeddedBackend.Open(Path.Combine(_directory, "turbineconsole.db"));
        Assert.NotNull(await backend.Tables.DescribeTableAsync("WindDataTable"));
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Hosting failed to start", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }
}
