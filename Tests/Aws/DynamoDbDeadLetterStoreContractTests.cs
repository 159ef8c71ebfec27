using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Tests.Core.DeadLetters;

namespace TurbineConsole.Tests.Aws;

/// <summary>The dead-letter contract against <see cref="DynamoDbDeadLetterStore"/> on dynalite, each test in a table of its own.</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbDeadLetterStoreContractTests(LocalAwsServers servers) : DeadLetterStoreContractTests
{
    protected override Task<IDeadLetterStore> CreateStoreAsync()
    {
        var options = servers.Options();
        options.DeadLetterTable = "DeadLetters" + Guid.NewGuid().ToString("N");
        return Task.FromResult<IDeadLetterStore>(new DynamoDbDeadLetterStore(options));
    }
}
