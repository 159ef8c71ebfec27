namespace TurbineConsole.Tests.Aws;

/// <summary>
/// The tests that talk to the local AWS servers or change the AWS environment variables: they share one pair of
/// servers and run one after the other (the default chain reads process-wide environment variables).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AwsCollection : ICollectionFixture<LocalAwsServers>
{
    public const string Name = "AWS local servers";
}
