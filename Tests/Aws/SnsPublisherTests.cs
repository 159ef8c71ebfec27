using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Aws;

/// <summary>SNS Publish against a tiny local HTTP listener that plays SNS: form fields, signing, answers and errors.</summary>
[Collection(AwsCollection.Name)]
public sealed class SnsPublisherTests : IDisposable
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:WindAlerts";

    private readonly HttpTestListener _sns = new();

    /// <summary>What the fake SNS answers, in order; a 500 when none is queued.</summary>
    private readonly Queue<(int Status, string Body)> _answers = new();

    public SnsPublisherTests()
    {
        _sns.ResponseContentType = "text/xml";
        _sns.Respond = _ => _answers.Count > 0 ? _answers.Dequeue() : (500, "<ErrorResponse><Error><Code>InternalError</Code><Message>no answer queued</Message></Error></ErrorResponse>");
    }

    public void Dispose() => _sns.Dispose();

    private SnsPublisher Publisher() => new(new AwsOptions { SnsServiceUrl = _sns.Url, MaxRetryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task Publish_sends_the_Query_form_signed_for_sns_and_returns_the_MessageId()
    {
        _answers.Enqueue((200, "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>5f1c-42</MessageId></PublishResult></PublishResponse>"));
        using var publisher = Publisher();

        var id = await publisher.PublishAsync(TopicArn, "Severe wind at Chicago", "Wind 72 mph at CHI-07 (score 4.1).", CancellationToken.None);

        Assert.Equal("5f1c-42", id);
        var request = Assert.Single(_sns.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Publish", request.Form["Action"]);
        Assert.Equal("2010-03-31", request.Form["Version"]);
        Assert.Equal(TopicArn, request.Form["TopicArn"]);
        Assert.Equal("Severe wind at Chicago", request.Form["Subject"]);
        Assert.Equal("Wind 72 mph at CHI-07 (score 4.1).", request.Form["Message"]);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCALTESTS/", request.Headers["Authorization"]);
        Assert.Contains("/us-east-1/sns/aws4_request", request.Headers["Authorization"]);
        Assert.Matches("SignedHeaders=[^,]*host", request.Headers["Authorization"]);
        Assert.Matches("SignedHeaders=[^,]*x-amz-date", request.Headers["Authorization"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", request.Headers["X-Amz-Date"]);
    }

    [Fact]
    public async Task Subject_over_100_characters_is_refused_before_anything_is_sent()
    {
        using var publisher = Publisher();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(TopicArn, new string('s', 101), "m", CancellationToken.None));

        Assert.Contains("at most 100 characters", error.Message);
        Assert.Contains("101", error.Message);
        Assert.Empty(_sns.Requests);
    }

    [Fact]
    public void FitSubject_cuts_a_long_subject_to_100_characters_ending_with_an_ellipsis_and_flattens_lines()
    {
        var fitted = SnsPublisher.FitSubject("Severe wind\nat " + new string('x', 200));

        Assert.Equal(100, fitted.Length);
        Assert.EndsWith("...", fitted);
        Assert.StartsWith("Severe wind at ", fitted);
    }

    [Fact]
    public async Task SNS_error_is_thrown_with_its_code_and_not_retried()
    {
        _answers.Enqueue((404, "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error></ErrorResponse>"));
        using var publisher = Publisher();

        var error = await Assert.ThrowsAsync<SnsException>(() => publisher.PublishAsync(TopicArn, "s", "m", CancellationToken.None));

        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Contains("Topic does not exist", error.Message);
        Assert.Contains("topic ARN", error.Message);
        Assert.Single(_sns.Requests);
    }

    [Fact]
    public async Task Throttling_and_5xx_answers_are_retried_until_one_succeeds()
    {
        _answers.Enqueue((400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"));
        _answers.Enqueue((503, "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>"));
        _answers.Enqueue((200, "<PublishResponse><PublishResult><MessageId>third</MessageId></PublishResult></PublishResponse>"));
        using var publisher = Publisher();

        var id = await publisher.PublishAsync(TopicArn, "s", "m", CancellationToken.None);

        Assert.Equal("third", id);
        Assert.Equal(3, _sns.Requests.Count);
    }

    [Fact]
    public async Task Unreachable_endpoint_says_which_setting_to_fix()
    {
        using var publisher = new SnsPublisher(new AwsOptions { SnsServiceUrl = $"http://127.0.0.1:{Support.FreePort.Next()}/", MaxRetryAttempts = 0 });

        var error = await Assert.ThrowsAsync<SnsException>(() => publisher.PublishAsync(TopicArn, "s", "m", CancellationToken.None));

        Assert.Equal("EndpointUnreachable", error.ErrorCode);
        Assert.Contains("Pipeline:Aws:SnsServiceUrl", error.Message);
    }

    /// <summary>An HttpListener on a free loopback port that records requests and plays queued answers.</summary>
}
