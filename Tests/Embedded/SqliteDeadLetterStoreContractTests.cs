using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Tests.Core.DeadLetters;

namespace TurbineConsole.Tests.Embedded;

/// <summary>The dead-letter contract against <see cref="SqliteDeadLetterStore"/>, each test in a database of its own.</summary>
public sealed class SqliteDeadLetterStoreContractTests(TempDirectoryFixture directory) : DeadLetterStoreContractTests, IClassFixture<TempDirectoryFixture>, IDisposable
{
    private readonly List<EmbeddedDatabase> _databases = [];

    protected override Task<IDeadLetterStore> CreateStoreAsync()
    {
        var db = new EmbeddedDatabase(directory.NewDatabasePath());
        _databases.Add(db);
        return Task.FromResult<IDeadLetterStore>(new SqliteDeadLetterStore(db));
    }

    public void Dispose() => _databases.ForEach(db => db.Dispose());
}
