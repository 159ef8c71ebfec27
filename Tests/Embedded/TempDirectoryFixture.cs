using TurbineConsole.Pipeline.Embedded;

namespace TurbineConsole.Tests.Embedded;

/// <summary>A temporary directory for one test class, with a shared database in it; deleted when the class is done.</summary>
public sealed class TempDirectoryFixture : IDisposable
{
    /// <summary>The database shared by the class's tests (each test uses its own stream and table names).</summary>
    private readonly Lazy<EmbeddedDatabase> _shared;

    /// <summary>Creates the directory.</summary>
    public TempDirectoryFixture()
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "turbineconsole-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DirectoryPath);
        _shared = new Lazy<EmbeddedDatabase>(() => new EmbeddedDatabase(Path.Combine(DirectoryPath, "shared", "turbineconsole.db")));
    }

    /// <summary>The directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>The database shared by the class's tests.</summary>
    public EmbeddedDatabase SharedDatabase => _shared.Value;

    /// <summary>A path for a database file of one test's own, in a directory that does not exist yet.</summary>
    public string NewDatabasePath() => Path.Combine(DirectoryPath, Guid.NewGuid().ToString("N"), "turbineconsole.db");

    /// <summary>Closes the shared database and deletes the directory.</summary>
    public void Dispose()
    {
        if (_shared.IsValueCreated)
        {
            _shared.Value.Dispose();
        }

        Directory.Delete(DirectoryPath, recursive: true);
    }
}
