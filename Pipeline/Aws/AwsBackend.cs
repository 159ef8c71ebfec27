using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>The AWS backend: streams on Kinesis, tables, checkpoints and dead letters on DynamoDB.</summary>
public static class AwsBackend
{
    /// <summary>
    /// Opens the four ports on the endpoints of <paramref name="aws"/>, with credentials and region from the
    /// AWS default chain. Throws <see cref="AwsConfigurationException"/>, saying what to set, when the region or the
    /// credentials are missing or an endpoint setting is not a URL. Nothing is sent yet: an endpoint that does not answer
    /// fails the first call (at the pipeline's start, when it lists and creates its streams and tables).
    /// </summary>
    public static PipelineBackend Open(AwsOptions aws)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var environment = AwsEnvironment.Resolve(aws);
        var streams = new KinesisStreamClient(aws, environment);
        var dynamoDb = DynamoDbCalls.CreateClient(aws, environment, out var calls);
        return new PipelineBackend(
            streams,
            new DynamoDbTableStore(dynamoDb, calls),
            new DynamoDbCheckpointStore(dynamoDb, calls, aws.CheckpointTable),
            new DynamoDbDeadLetterStore(dynamoDb, calls, aws.DeadLetterTable),
            new Owner(streams, dynamoDb));
    }

    /// <summary>Disposes the HTTP and SDK clients with the backend.</summary>
    private sealed class Owner(IDisposable streams, IDisposable dynamoDb) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            streams.Dispose();
            dynamoDb.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
