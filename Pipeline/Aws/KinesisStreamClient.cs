using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime.Signing;
using Polly;
using Polly.Timeout;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Kinesis Data Streams over its JSON 1.1 wire protocol (POST /, <c>X-Amz-Target: Kinesis_20131202.&lt;Operation&gt;</c>),
/// signed with SigV4 by AWSSDK.Core's <see cref="SigV4SigningHandler"/>, with credentials and region from the default
/// chain. Works against AWS, LocalStack and kinesalite (<see cref="AwsOptions.KinesisServiceUrl"/>). Kinesis errors
/// become the port's exceptions; throttling and 5xx answers are retried by <see cref="AwsResilience"/>, 4xx never.
/// <see cref="PutRecordsAsync"/> sends one call and reports failed entries (ProvisionedThroughputExceeded, InternalFailure)
/// per record, as Kinesis does; <see cref="StreamPublisher"/> retries only those entries, with backoff.
/// </summary>
public sealed class KinesisStreamClient : IStreamClient, IDisposable
{
    /// <summary>The JSON 1.1 content type Kinesis expects.</summary>
    private static readonly MediaTypeHeaderValue s_contentType = new("application/x-amz-json-1.1");

    /// <summary>The signing HTTP client.</summary>
    private readonly HttpClient _http;

    /// <summary>Where requests go.</summary>
    private readonly Uri _endpoint;

    /// <summary>The region requests are signed for, for messages.</summary>
    private readonly string _region;

    /// <summary>Timeouts and retries.</summary>
    private readonly ResiliencePipeline _resilience;

    /// <summary>How a new stream is waited for.</summary>
    private readonly AwsOptions _options;

    /// <summary>
    /// A client for the Kinesis endpoint of <paramref name="options"/>, signing with the default chain's credentials and
    /// the configured or default region; <paramref name="innerHandler"/> (for tests) replaces the socket handler.
    /// Throws <see cref="AwsConfigurationException"/> when the region or the credentials are missing.
    /// </summary>
    public KinesisStreamClient(AwsOptions options, HttpMessageHandler? innerHandler = null)
        : this(options, AwsEnvironment.Resolve(options), innerHandler)
    {
    }

    /// <summary>A client for an already resolved environment.</summary>
    internal KinesisStreamClient(AwsOptions options, AwsEnvironment environment, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _endpoint = environment.Endpoint(options.KinesisServiceUrl, "kinesis", nameof(AwsOptions.KinesisServiceUrl));
        _region = environment.Region.SystemName;
        _resilience = AwsResilience.Create(options);
        var inner = innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(new SigV4SigningHandler(environment.Credentials, environment.Region, "kinesis", inner))
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-attempt timeouts are the resilience pipeline's
        };
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <inheritdoc />
    public async Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        KinesisRules.ThrowIfInvalidShardCount(shardCount);

        using (await CallAsync("CreateStream", streamName, w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteNumber("ShardCount", shardCount);
        }, cancellationToken))
        {
        }

        await WaitUntilActiveAsync(streamName, cancellationToken);
    }

    /// <summary>Waits until the stream is ACTIVE (Kinesis creates streams asynchronously), for at most <see cref="AwsOptions.ResourceWaitTimeout"/>.</summary>
    public Task WaitUntilActiveAsync(string streamName, CancellationToken cancellationToken = default) =>
        PipelineResilience.WaitUntilReadyAsync(
            token => DescribeStreamAsync(streamName, token),
            description => description.Status == "ACTIVE",
            _options.ResourceWaitTimeout,
            description => new StreamException(
                "StreamNotActive",
                $"Stream {streamName} is still {description.Status} after {_options.ResourceWaitTimeout}; raise {AwsOptions.Section}:ResourceWaitTimeout or check the stream in the Kinesis console."),
            cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        using var answer = await CallAsync("DescribeStreamSummary", streamName, w => w.WriteString("StreamName", streamName), cancellationToken);
        var summary = answer.RootElement.GetProperty("StreamDescriptionSummary");
        return new StreamDescription(
            summary.GetProperty("StreamName").GetString()!,
            summary.GetProperty("StreamStatus").GetString()!,
            summary.TryGetProperty("OpenShardCount", out var open) ? open.GetInt32() : 0,
            TimeSpan.FromHours(summary.TryGetProperty("RetentionPeriodHours", out var hours) ? hours.GetInt32() : 24),
            summary.TryGetProperty("StreamCreationTimestamp", out var created) ? FromEpochSeconds(created) : DateTimeOffset.UnixEpoch);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        string? after = null;
        while (true)
        {
            using var answer = await CallAsync("ListStreams", null, w =>
            {
                w.WriteNumber("Limit", 100);
                if (after is not null)
                {
                    w.WriteString("ExclusiveStartStreamName", after);
                }
            }, cancellationToken);
            var page = answer.RootElement.GetProperty("StreamNames").EnumerateArray().Select(e => e.GetString()!).ToList();
            names.AddRange(page);
            if (page.Count == 0 || !(answer.RootElement.TryGetProperty("HasMoreStreams", out var more) && more.GetBoolean()))
            {
                break;
            }

            after = page[^1];
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardDescription>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        var shards = new List<ShardDescription>();
        string? nextToken = null;
        do
        {
            var token = nextToken;
            using var answer = await CallAsync("ListShards", streamName, w =>
            {
                // Kinesis refuses StreamName together with NextToken.
                if (token is null)
                {
                    w.WriteString("StreamName", streamName);
                }
                else
                {
                    w.WriteString("NextToken", token);
                }

                w.WriteNumber("MaxResults", 1000);
            }, cancellationToken);
            foreach (var shard in answer.RootElement.GetProperty("Shards").EnumerateArray())
            {
                var range = shard.GetProperty("HashKeyRange");
                var sequences = shard.TryGetProperty("SequenceNumberRange", out var r) ? r : default;
                shards.Add(new ShardDescription(
                    shard.GetProperty("ShardId").GetString()!,
                    range.GetProperty("StartingHashKey").GetString()!,
                    range.GetProperty("EndingHashKey").GetString()!,
                    OptionalString(shard, "ParentShardId"),
                    OptionalString(shard, "AdjacentParentShardId"),
                    OptionalString(sequences, "StartingSequenceNumber"),
                    OptionalString(sequences, "EndingSequenceNumber")));
            }

            nextToken = answer.RootElement.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (nextToken is not null);

        return shards;
    }

    /// <inheritdoc />
    public async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        KinesisRules.ThrowIfInvalidPut(records);
        using var answer = await CallAsync("PutRecords", streamName, w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteStartArray("Records");
            foreach (var record in records)
            {
                w.WriteStartObject();
                w.WriteBase64String("Data", record.Data.Span);
                w.WriteString("PartitionKey", record.PartitionKey);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);

        var root = answer.RootElement;
        var entries = new List<PutRecordsResultEntry>(records.Count);
        foreach (var entry in root.GetProperty("Records").EnumerateArray())
        {
            entries.Add(entry.TryGetProperty("ErrorCode", out var code) && code.ValueKind == JsonValueKind.String
                ? new PutRecordsResultEntry(null, null, code.GetString(), entry.TryGetProperty("ErrorMessage", out var m) ? m.GetString() : null)
                : new PutRecordsResultEntry(entry.GetProperty("ShardId").GetString(), entry.GetProperty("SequenceNumber").GetString()));
        }

        if (entries.Count != records.Count)
        {
            throw new StreamException("InvalidResponse", $"PutRecords answered {entries.Count} entries for {records.Count} records (Kinesis at {_endpoint}).");
        }

        var failed = root.TryGetProperty("FailedRecordCount", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : entries.Count(e => !e.Succeeded);
        return new PutRecordsResult(failed, entries);
    }

    /// <inheritdoc />
    public async Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        KinesisRules.ThrowIfInvalidStartingPosition(position);

        using var answer = await CallAsync("GetShardIterator", streamName, w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteString("ShardId", shardId);
            w.WriteString("ShardIteratorType", position.Type.ToString());
            if (position.Type is ShardIteratorType.AT_SEQUENCE_NUMBER or ShardIteratorType.AFTER_SEQUENCE_NUMBER)
            {
                w.WriteString("StartingSequenceNumber", position.SequenceNumber);
            }

            if (position.Type == ShardIteratorType.AT_TIMESTAMP)
            {
                // Seconds with exact millisecond decimals, so that a record's own arrival time finds that record.
                w.WriteNumber("Timestamp", position.Timestamp!.Value.ToUnixTimeMilliseconds() / 1000m);
            }
        }, cancellationToken);
        return answer.RootElement.GetProperty("ShardIterator").GetString()!;
    }

    /// <inheritdoc />
    public async Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidGetRecordsLimit(limit);

        using var answer = await CallAsync("GetRecords", null, w =>
        {
            w.WriteString("ShardIterator", shardIterator);
            w.WriteNumber("Limit", limit);
        }, cancellationToken);
        var root = answer.RootElement;
        var records = new List<StreamRecord>();
        foreach (var record in root.GetProperty("Records").EnumerateArray())
        {
            records.Add(new StreamRecord(
                record.GetProperty("SequenceNumber").GetString()!,
                record.GetProperty("PartitionKey").GetString()!,
                record.GetProperty("Data").GetBytesFromBase64(),
                record.TryGetProperty("ApproximateArrivalTimestamp", out var arrival) ? FromEpochSeconds(arrival) : DateTimeOffset.UtcNow));
        }

        // A closed shard that has been read to its end answers without NextShardIterator (or with null).
        var next = root.TryGetProperty("NextShardIterator", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var behind = root.TryGetProperty("MillisBehindLatest", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : 0;
        List<ChildShard>? children = null;
        if (next is null && root.TryGetProperty("ChildShards", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            children = c.EnumerateArray().Select(child => new ChildShard(
                child.GetProperty("ShardId").GetString()!,
                child.TryGetProperty("ParentShards", out var parents) ? parents.EnumerateArray().Select(p => p.GetString()!).ToArray() : [],
                child.GetProperty("HashKeyRange").GetProperty("StartingHashKey").GetString()!,
                child.GetProperty("HashKeyRange").GetProperty("EndingHashKey").GetString()!)).ToList();
        }

        return new GetRecordsResult(records, next, behind, children);
    }

    /// <inheritdoc />
    /// <remarks>Checked first against the shard as ListShards gives it, since kinesalite would split a closed shard.</remarks>
    public async Task SplitShardAsync(string streamName, string shardToSplit, string newStartingHashKey, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        var hashKey = KinesisRules.ParseHashKey(newStartingHashKey, "newStartingHashKey");
        var shards = await ListShardsAsync(streamName, cancellationToken);
        KinesisRules.ThrowIfInvalidSplit(streamName, FindShard(shards, streamName, shardToSplit), hashKey);
        using (await CallAsync("SplitShard", streamName, w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteString("ShardToSplit", shardToSplit);
            w.WriteString("NewStartingHashKey", newStartingHashKey);
        }, cancellationToken))
        {
        }

        await WaitUntilActiveAsync(streamName, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The two shards are sent lower first, which kinesalite needs.</remarks>
    public async Task MergeShardsAsync(string streamName, string shardToMerge, string adjacentShardToMerge, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        var shards = await ListShardsAsync(streamName, cancellationToken);
        var (lower, upper) = KinesisRules.CheckMerge(streamName, FindShard(shards, streamName, shardToMerge), FindShard(shards, streamName, adjacentShardToMerge));
        using (await CallAsync("MergeShards", streamName, w =>
        {
            w.WriteString("StreamName", streamName);
            w.WriteString("ShardToMerge", lower.ShardId);
            w.WriteString("AdjacentShardToMerge", upper.ShardId);
        }, cancellationToken))
        {
        }

        await WaitUntilActiveAsync(streamName, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Kinesis's own UpdateShardCount where the server has it; a server without it (kinesalite answers
    /// UnknownOperationException) gets the splits and merges it means, one at a time, each waited for.
    /// </remarks>
    public async Task<ShardCountUpdate> UpdateShardCountAsync(string streamName, int targetShardCount, CancellationToken cancellationToken = default)
    {
        KinesisRules.ThrowIfInvalidStreamName(streamName);
        var current = (await ListShardsAsync(streamName, cancellationToken)).Count(s => s.IsOpen);
        KinesisRules.ThrowIfInvalidTargetShardCount(streamName, current, targetShardCount);
        try
        {
            using (await CallAsync("UpdateShardCount", streamName, w =>
            {
                w.WriteString("StreamName", streamName);
                w.WriteNumber("TargetShardCount", targetShardCount);
                w.WriteString("ScalingType", "UNIFORM_SCALING");
            }, cancellationToken))
            {
            }
        }
        catch (StreamException e) when (e.ErrorCode == "UnknownOperationException")
        {
            return await UniformScaling.ApplyAsync(this, streamName, targetShardCount, cancellationToken);
        }

        await WaitUntilActiveAsync(streamName, cancellationToken);
        return new ShardCountUpdate(streamName, current, targetShardCount);
    }

    /// <summary>The shard called <paramref name="shardId"/> in a ListShards answer, or Kinesis's ResourceNotFoundException.</summary>
    private ShardDescription FindShard(IReadOnlyList<ShardDescription> shards, string streamName, string? shardId) =>
        shards.FirstOrDefault(s => s.ShardId == shardId)
        ?? throw new ResourceNotFoundException($"Could not find shard {shardId} in stream {streamName} (Kinesis at {_endpoint}).");

    /// <summary>A string property of <paramref name="element"/>, or null when it is missing or not a string.</summary>
    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>A Kinesis timestamp (epoch seconds with a fraction) as a time, to the millisecond.</summary>
    private static DateTimeOffset FromEpochSeconds(JsonElement value) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000));

    /// <summary>Calls one operation with the body written by <paramref name="writeBody"/>; the answer's JSON, or the port's exception.</summary>
    private async Task<JsonDocument> CallAsync(string operation, string? streamName, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        var body = buffer.WrittenMemory;
        try
        {
            return await _resilience.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ReadOnlyMemoryContent(body) };
                request.Content.Headers.ContentType = s_contentType;
                request.Headers.TryAddWithoutValidation("X-Amz-Target", "Kinesis_20131202." + operation);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                var bytes = await response.Content.ReadAsByteArrayAsync(token);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        // CreateStream answers with an empty body.
                        return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                    }
                    catch (JsonException)
                    {
                        throw new StreamException(
                            "InvalidResponse",
                            $"{operation} at {_endpoint} answered something that is not Kinesis JSON; check {AwsOptions.Section}:KinesisServiceUrl.");
                    }
                }

                throw ParseError(response, bytes);
            }, cancellationToken);
        }
        catch (AwsServiceError e)
        {
            throw Map(e, streamName);
        }
        catch (TimeoutRejectedException e)
        {
            throw new StreamException(
                "RequestTimeout",
                $"{operation} to Kinesis at {_endpoint} did not answer within {_options.RequestTimeout} (after {_options.MaxRetryAttempts + 1} attempts); check {AwsOptions.Section}:KinesisServiceUrl and the network, or raise {AwsOptions.Section}:RequestTimeout. ({e.Message})");
        }
        catch (HttpRequestException e)
        {
            throw new StreamException(
                "EndpointUnreachable",
                $"Cannot reach Kinesis at {_endpoint} ({e.Message}): the server is down or unreachable from here, or {AwsOptions.Section}:KinesisServiceUrl names the wrong one (empty: AWS in region {_region}).");
        }
    }

    /// <summary>The error of a non-2xx answer: Kinesis's <c>__type</c> and <c>message</c>, or the HTTP status when the body is not Kinesis JSON.</summary>
    private AwsServiceError ParseError(HttpResponseMessage response, byte[] body)
    {
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("__type", out var t))
                {
                    type = t.GetString();
                }

                message = json.RootElement.TryGetProperty("message", out var m) ? m.GetString()
                    : json.RootElement.TryGetProperty("Message", out var m2) ? m2.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrEmpty(type))
        {
            return new AwsServiceError(
                response.StatusCode,
                "Http" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                $"Kinesis at {_endpoint} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} without a Kinesis error; is {AwsOptions.Section}:KinesisServiceUrl a Kinesis endpoint?");
        }

        // "com.amazon.coral.service#SerializationException" and "InvalidSignatureException:..." both name the type.
        type = type[(type.LastIndexOf('#') + 1)..];
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }

        return new AwsServiceError(response.StatusCode, type, message ?? type);
    }

    /// <summary>The port's exception for a Kinesis error, with a hint at what to set where one helps.</summary>
    private StreamException Map(AwsServiceError e, string? streamName)
    {
        var message = e.ServiceMessage;
        return e.ErrorCode switch
        {
            "ResourceNotFoundException" => new ResourceNotFoundException(
                $"{message} (Kinesis at {_endpoint}, region {_region}{(streamName is null ? "" : $", stream {streamName}")}: create the stream, fix its name under Pipeline:Streams, or point {AwsOptions.Section}:KinesisServiceUrl and {AwsOptions.Section}:Region at the account that has it.)"),
            "ResourceInUseException" => new ResourceInUseException(message),
            "ValidationException" or "InvalidArgumentException" or "SerializationException" => new StreamValidationException(e.ErrorCode, message),
            "ExpiredIteratorException" => new ExpiredIteratorException(message),
            "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignature" or "MissingAuthenticationToken"
                or "ExpiredTokenException" or "AccessDeniedException" or "InvalidClientTokenId" => new StreamException(
                e.ErrorCode,
                $"{message} (Kinesis at {_endpoint} refused the credentials of the AWS default chain: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE, their permissions, and {AwsOptions.Section}:Region.)"),
            _ => new StreamException(e.ErrorCode, $"{message} (Kinesis at {_endpoint}, HTTP {(int)e.StatusCode})"),
        };
    }
}
