namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// The <c>Pipeline:Aws</c> section: where the AWS backend (Kinesis Data Streams, DynamoDB, SNS) is and how patiently it
/// is called. Credentials are never read from settings: they come from the AWS default chain (environment variables,
/// profile, SSO, container or instance role), and so does the region unless <see cref="Region"/> names one.
/// </summary>
public sealed class AwsOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Pipeline:Aws";

    /// <summary>The AWS region, for example <c>eu-west-1</c>; when empty, the default chain's (AWS_REGION, profile).</summary>
    public string? Region { get; set; }

    /// <summary>Kinesis endpoint, for example <c>http://localhost:4567</c> (kinesalite) or LocalStack's; empty for AWS.</summary>
    public string? KinesisServiceUrl { get; set; }

    /// <summary>DynamoDB endpoint, for example <c>http://localhost:4568</c> (dynalite) or LocalStack's; empty for AWS.</summary>
    public string? DynamoDbServiceUrl { get; set; }

    /// <summary>SNS endpoint, for example LocalStack's <c>http://localhost:4566</c>; empty for AWS.</summary>
    public string? SnsServiceUrl { get; set; }

    /// <summary>How long one attempt of one request may take before it is abandoned (and retried if attempts remain).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for throttling, 5xx answers, timeouts and refused connections (never for other 4xx).</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles, with jitter, up to five seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait for a new stream or table to become ACTIVE.</summary>
    public TimeSpan ResourceWaitTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>DynamoDB table of the consumers' checkpoints (created if missing).</summary>
    public string CheckpointTable { get; set; } = "TurbineConsoleCheckpoints";

    /// <summary>DynamoDB table of the dead letters (created if missing).</summary>
    public string DeadLetterTable { get; set; } = "TurbineConsoleDeadLetters";
}
