using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Tests.Core.Checkpoints;

namespace TurbineConsole.Tests.Embedded;

/// <summary>The checkpoint fencing contract against <see cref="SqliteCheckpointStore"/> (each test on streams of its own).</summary>
public sealed class SqliteCheckpointFencingContractTests(TempDirectoryFixture directory) : CheckpointFencingContractTests, IClassFixture<TempDirectoryFixture>
{
    protected override Task<ICheckpointStore> CreateStoreAsync() => Task.FromResult<ICheckpointStore>(new SqliteCheckpointStore(directory.SharedDatabase));
}
