using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Alerts;

namespace TurbineConsole.Tests.Aws;

/// <summary>The alert policy and silence storage contract against the DynamoDB adapter talking to dynalite.</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbAlertPolicyStorageTests(LocalAwsServers servers) : AlertPolicyStorageContractTests
{
    /// <inheritdoc />
    protected override Task<ITableStore> CreateTablesAsync() => Task.FromResult<ITableStore>(servers.Tables);
}
