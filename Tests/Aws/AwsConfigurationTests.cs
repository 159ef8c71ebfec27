using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Aws;

/// <summary>Bad AWS configuration fails at start or at first use, with a message that says what to set.</summary>
[Collection(AwsCollection.Name)]
public sealed class AwsConfigurationTests(LocalAwsServers servers)
{
    /// <summary>No profile files, so that only the environment variables count.</summary>
    private static readonly (string, string?)[] s_noProfiles =
    [
        ("AWS_CONFIG_FILE", "/nonexistent/turbineconsole/config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/turbineconsole/credentials"),
        ("AWS_PROFILE", null),
        ("AWS_DEFAULT_PROFILE", null),
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", null),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];

    [Fact]
    public void Missing_region_stops_the_start_and_names_the_setting_and_the_variable()
    {
        using var environment = new EnvironmentScope([.. s_noProfiles, ("AWS_REGION", null), ("AWS_DEFAULT_REGION", null)]);

        var error = Assert.Throws<AwsConfigurationException>(() => AwsBackend.Open(servers.Options()));

        Assert.Contains("Pipeline:Aws:Region", error.Message);
        Assert.Contains("AWS_REGION", error.Message);
    }

    [Fact]
    public void Missing_credentials_stop_the_start_and_say_how_to_provide_them_never_in_appsettings()
    {
        using var environment = new EnvironmentScope([.. s_noProfiles, ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null)]);

        var error = Assert.Throws<AwsConfigurationException>(() => AwsBackend.Open(servers.Options()));

        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message);
        Assert.Contains("AWS_PROFILE", error.Message);
        Assert.Contains("never read from appsettings.json", error.Message);
    }

    [Fact]
    public void Region_from_the_settings_wins_over_the_environment_and_chooses_the_AWS_endpoints()
    {
        var options = new AwsOptions { Region = "eu-west-1" };

        using var kinesis = new KinesisStreamClient(options);
        using var sns = new SnsPublisher(options);

        Assert.Equal(new Uri("https://kinesis.eu-west-1.amazonaws.com/"), kinesis.Endpoint);
        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com/"), sns.Endpoint);
    }

    [Fact]
    public async Task Wrong_Kinesis_endpoint_fails_the_pipeline_start_naming_KinesisServiceUrl()
    {
        var options = servers.Options();
        options.KinesisServiceUrl = $"http://127.0.0.1:{Support.FreePort.Next()}/";
        options.MaxRetryAttempts = 1;
        var pipelineOptions = new PipelineOptions { Backend = BackendKind.Aws };
        await using var backend = BackendFactory.Open(pipelineOptions, options);
        await using var pipeline = new TurbinePipeline(backend, pipelineOptions);

        var error = await Assert.ThrowsAsync<StreamException>(() => pipeline.StartAsync());

        Assert.Equal("EndpointUnreachable", error.ErrorCode);
        Assert.Contains("Pipeline:Aws:KinesisServiceUrl", error.Message);
        Assert.Contains(options.KinesisServiceUrl, error.Message);
    }

    [Fact]
    public async Task Wrong_DynamoDB_endpoint_fails_at_first_use_naming_DynamoDbServiceUrl()
    {
        var options = servers.Options();
        options.DynamoDbServiceUrl = $"http://127.0.0.1:{Support.FreePort.Next()}/";
        options.MaxRetryAttempts = 1;
        await using var backend = AwsBackend.Open(options);

        var error = await Assert.ThrowsAsync<TableException>(() => backend.Tables.DescribeTableAsync("WindDataTable"));

        Assert.Equal("EndpointUnreachable", error.ErrorCode);
        Assert.Contains("Pipeline:Aws:DynamoDbServiceUrl", error.Message);
    }

    [Fact]
    public async Task Endpoint_that_is_not_Kinesis_says_so()
    {
        var options = servers.Options();
        options.KinesisServiceUrl = servers.DynamoDbUrl.ToString(); // an AWS-like server, but not Kinesis
        using var client = new KinesisStreamClient(options);

        var error = await Assert.ThrowsAnyAsync<StreamException>(() => client.ListStreamsAsync());

        Assert.NotEqual("EndpointUnreachable", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public async Task Putting_into_a_stream_that_does_not_exist_names_the_stream_and_the_settings()
    {
        var options = servers.Options();
        await using var backend = AwsBackend.Open(options);
        var name = "NoSuchStream-" + Guid.NewGuid().ToString("N")[..8];

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => backend.Streams.PutRecordsAsync(name, [new PutRecordsEntry("Chicago", new byte[] { 1 })]));

        Assert.Contains(name, error.Message);
        Assert.Contains("Pipeline:Streams", error.Message);
        Assert.Contains("Pipeline:Aws:KinesisServiceUrl", error.Message);
    }

    [Theory]
    [InlineData("KinesisServiceUrl", "localhost:4567")]
    [InlineData("DynamoDbServiceUrl", "ftp://127.0.0.1/")]
    [InlineData("SnsServiceUrl", "not a url")]
    public void Endpoint_setting_that_is_not_an_http_URL_is_refused_at_start_naming_it(string setting, string value)
    {
        var aws = new AwsOptions();
        typeof(AwsOptions).GetProperty(setting)!.SetValue(aws, value);

        var errors = AwsOptionsValidator.Errors(aws).ToList();

        var error = Assert.Single(errors);
        Assert.Contains($"Pipeline:Aws:{setting}", error);
        Assert.Contains("http://", error);
    }

    [Fact]
    public void Region_that_is_not_a_region_name_is_refused_at_start()
    {
        var errors = AwsOptionsValidator.Errors(new AwsOptions { Region = "US East" }).ToList();

        Assert.Contains(errors, e => e.Contains("Pipeline:Aws:Region", StringComparison.Ordinal) && e.Contains("us-east-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Aws_settings_are_checked_only_when_the_AWS_backend_or_the_SNS_channel_uses_them()
    {
        var bad = new AwsOptions { KinesisServiceUrl = "nonsense", Region = "nowhere" };
        AwsSettingsValidator Validator(BackendKind backend, bool sns) =>
            new(Options.Create(new PipelineOptions { Backend = backend }), Options.Create(new SnsChannelOptions { Enabled = sns }));

        Assert.True(Validator(BackendKind.Embedded, sns: false).Validate(null, bad).Skipped);
        Assert.True(Validator(BackendKind.Aws, sns: false).Validate(null, bad).Failed);
        Assert.True(Validator(BackendKind.Embedded, sns: true).Validate(null, bad).Failed);
    }
}
