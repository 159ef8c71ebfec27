using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Alerts;

namespace TurbineConsole.Tests.Embedded;

/// <summary>The alert policy and silence storage contract on the embedded backend (SQLite).</summary>
public sealed class SqliteAlertPolicyStorageTests(TempDirectoryFixture directory) : AlertPolicyStorageContractTests, IClassFixture<TempDirectoryFixture>
{
    /// <inheritdoc />
    protected override Task<ITableStore> CreateTablesAsync() => Task.FromResult<ITableStore>(new SqliteTableStore(directory.SharedDatabase));
}
