using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Tables;

namespace TurbineConsole.Tests.Aws;

/// <summary>The table contract against <see cref="Pipeline.Aws.DynamoDbTableStore"/> talking to dynalite.</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbTableStoreContractTests(LocalAwsServers servers) : TableStoreContractTests
{
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(servers.Tables);
}
