using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Polly;
using Polly.Timeout;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Tables;
using ConditionalCheckFailedException = TurbineConsole.Pipeline.Tables.ConditionalCheckFailedException;
using TableInUseException = TurbineConsole.Pipeline.Tables.TableInUseException;
using TableNotFoundException = TurbineConsole.Pipeline.Tables.TableNotFoundException;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Runs DynamoDB calls through <see cref="AwsResilience"/> (the SDK client's own retries are off) and turns DynamoDB's
/// errors into the table port's exceptions, with a hint at what to set where one helps. Shared by the table,
/// checkpoint and dead-letter stores.
/// </summary>
internal sealed class DynamoDbCalls(ResiliencePipeline resilience, AwsOptions options, string endpoint, string region)
{
    /// <summary>Attempts of one BatchWriteItem call whose items keep coming back unprocessed, before giving up.</summary>
    private const int MaxBatchWriteAttempts = 13;

    /// <summary>Sends UnprocessedItems again.</summary>
    private static readonly ResiliencePipeline<int> s_unprocessedRetries = PipelineResilience.PartialBatchRetries(MaxBatchWriteAttempts);

    /// <summary>
    /// A DynamoDB client for <paramref name="options"/> in <paramref name="environment"/> (endpoint from
    /// <see cref="AwsOptions.DynamoDbServiceUrl"/> or the region) and the calls helper that goes with it.
    /// </summary>
    public static AmazonDynamoDBClient CreateClient(AwsOptions options, AwsEnvironment environment, out DynamoDbCalls calls)
    {
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 0, Timeout = options.RequestTimeout };
        var endpoint = environment.Endpoint(options.DynamoDbServiceUrl, "dynamodb", nameof(AwsOptions.DynamoDbServiceUrl));
        if (string.IsNullOrWhiteSpace(options.DynamoDbServiceUrl))
        {
            config.RegionEndpoint = environment.Region;
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = environment.Region.SystemName;
        }

        calls = new DynamoDbCalls(AwsResilience.Create(options), options, endpoint.ToString(), environment.Region.SystemName);
        return new AmazonDynamoDBClient(environment.Credentials, config);
    }

    /// <summary>A not-found message with what to check.</summary>
    public static string NotFoundMessage(string message, string tableName) =>
        $"{message} (create table {tableName}, fix its name under Pipeline:Tables, or point {AwsOptions.Section}:DynamoDbServiceUrl and {AwsOptions.Section}:Region at the account that has it.)";

    /// <summary>Runs one call with retries for throttling, 5xx, timeouts and failed connections; maps the final error.</summary>
    public async Task<T> RunAsync<T>(string tableName, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await resilience.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (AmazonServiceException e) when (e is not null)
        {
            throw Map(e, tableName);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TableException(
                "RequestTimeout",
                $"DynamoDB at {endpoint} did not answer within {options.RequestTimeout} (after {options.MaxRetryAttempts + 1} attempts); check {AwsOptions.Section}:DynamoDbServiceUrl and the network, or raise {AwsOptions.Section}:RequestTimeout. ({e.Message})");
        }
        catch (Exception e) when (e is HttpRequestException || (e is AmazonClientException && e.InnerException is HttpRequestException or IOException))
        {
            throw new TableException(
                "EndpointUnreachable",
                $"Cannot reach DynamoDB at {endpoint} ({(e.InnerException ?? e).Message}): the server is down or unreachable from here, or {AwsOptions.Section}:DynamoDbServiceUrl names the wrong one (empty: AWS in region {region}).");
        }
    }

    /// <summary>Waits until the table is ACTIVE, for at most <see cref="AwsOptions.ResourceWaitTimeout"/>.</summary>
    public Task WaitUntilActiveAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken) =>
        PipelineResilience.WaitUntilReadyAsync(
            async token => (await RunAsync(tableName, t => dynamoDb.DescribeTableAsync(tableName, t), token)).Table,
            table => table.TableStatus == TableStatus.ACTIVE,
            options.ResourceWaitTimeout,
            table => new TableException(
                "TableNotActive",
                $"Table {tableName} is still {table.TableStatus} after {options.ResourceWaitTimeout}; raise {AwsOptions.Section}:ResourceWaitTimeout or check the table in the DynamoDB console."),
            cancellationToken: cancellationToken);

    /// <summary>
    /// Writes the requests with BatchWriteItem, in calls of at most 25 (<see cref="DynamoDbRules.MaxBatchWriteItems"/>),
    /// sending a call's UnprocessedItems again (<see cref="PipelineResilience.PartialBatchRetries"/>) until none are left;
    /// throws a <see cref="TableException"/> (ProvisionedThroughputExceededException) when they never drain.
    /// </summary>
    public async Task BatchWriteAsync(IAmazonDynamoDB dynamoDb, string tableName, List<WriteRequest> writes, CancellationToken cancellationToken)
    {
        for (var start = 0; start < writes.Count; start += DynamoDbRules.MaxBatchWriteItems)
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = writes.GetRange(start, Math.Min(DynamoDbRules.MaxBatchWriteItems, writes.Count - start)) };
            var unprocessed = await s_unprocessedRetries.ExecuteAsync(async token =>
            {
                var request = new BatchWriteItemRequest { RequestItems = pending };
                var answer = await RunAsync(tableName, t => dynamoDb.BatchWriteItemAsync(request, t), token);
                pending = answer.UnprocessedItems ?? [];
                return pending.Values.Sum(v => v?.Count ?? 0);
            }, cancellationToken);
            if (unprocessed > 0)
            {
                throw new TableException(
                    "ProvisionedThroughputExceededException",
                    $"{unprocessed} items of a BatchWriteItem to {tableName} stayed unprocessed after {MaxBatchWriteAttempts} attempts: the table is throttled.");
            }
        }
    }

    /// <summary>
    /// A store's own table, keyed by two string attributes: created (on demand) on first use unless it exists, then
    /// waited for until it is ACTIVE.
    /// </summary>
    public TableReadiness OwnTable(IAmazonDynamoDB dynamoDb, string tableName, string hashKey, string rangeKey) =>
        new(token => EnsureTableAsync(dynamoDb, tableName, hashKey, rangeKey, token));

    private async Task EnsureTableAsync(IAmazonDynamoDB dynamoDb, string tableName, string hashKey, string rangeKey, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(tableName, token => dynamoDb.CreateTableAsync(new CreateTableRequest
            {
                TableName = tableName,
                KeySchema = [new KeySchemaElement(hashKey, KeyType.HASH), new KeySchemaElement(rangeKey, KeyType.RANGE)],
                AttributeDefinitions = [new AttributeDefinition(hashKey, ScalarAttributeType.S), new AttributeDefinition(rangeKey, ScalarAttributeType.S)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            }, token), cancellationToken);
        }
        catch (TableInUseException)
        {
            // It exists already (or is being created by another process): wait for it below.
        }

        await WaitUntilActiveAsync(dynamoDb, tableName, cancellationToken);
    }

    /// <summary>The port's exception for a DynamoDB error.</summary>
    private TableException Map(AmazonServiceException e, string tableName)
    {
        var code = e.ErrorCode ?? e.GetType().Name;
        return code switch
        {
            "ResourceNotFoundException" => new TableNotFoundException(NotFoundMessage(e.Message, tableName)),
            "ResourceInUseException" => new TableInUseException(e.Message),
            "ConditionalCheckFailedException" => new ConditionalCheckFailedException(e.Message),
            "ValidationException" => new TableValidationException(e.Message),
            "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignature" or "MissingAuthenticationToken"
                or "ExpiredTokenException" or "AccessDeniedException" or "InvalidClientTokenId" => new TableException(
                code,
                $"{e.Message} (DynamoDB at {endpoint} refused the credentials of the AWS default chain: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE, their permissions, and {AwsOptions.Section}:Region.)"),
            _ => new TableException(code, $"{e.Message} (DynamoDB at {endpoint}, table {tableName}, HTTP {(int)e.StatusCode})"),
        };
    }
}
