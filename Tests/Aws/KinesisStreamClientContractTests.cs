using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Core.Streams;

namespace TurbineConsole.Tests.Aws;

/// <summary>The stream contract against <see cref="Pipeline.Aws.KinesisStreamClient"/> talking to kinesalite.</summary>
[Collection(AwsCollection.Name)]
public sealed class KinesisStreamClientContractTests(LocalAwsServers servers) : StreamClientContractTests
{
    protected override Task<IStreamClient> CreateClientAsync() => Task.FromResult<IStreamClient>(servers.Streams);
}
