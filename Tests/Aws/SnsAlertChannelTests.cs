using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Aws;

/// <summary>The SNS channel against a local HTTP listener playing SNS (with the AWS collection's fake credentials).</summary>
[Collection(AwsCollection.Name)]
public sealed class SnsAlertChannelTests : IDisposable
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:WindAlerts";

    private static readonly DateTimeOffset s_at = new(2026, 11, 30, 12, 34, 56, TimeSpan.Zero);

    private readonly HttpTestListener _sns = new();
    private readonly SnsPublisher _publisher;

    public SnsAlertChannelTests()
    {
        _sns.ResponseContentType = "text/xml";
        _sns.Respond = _ => (200, $"<PublishResponse><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult></PublishResponse>");
        _publisher = new SnsPublisher(new AwsOptions { SnsServiceUrl = _sns.Url, Region = "us-east-1", MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
    }

    public void Dispose()
    {
        _publisher.Dispose();
        _sns.Dispose();
    }

    [Fact]
    public void Its_name_is_sns_as_stored_with_the_deliveries()
    {
        Assert.Equal("sns", new SnsAlertChannel(_publisher, TopicArn).Name);
    }

    [Fact]
    public async Task The_incident_is_published_to_the_topic_with_the_alerts_subject_and_text()
    {
        var message = new AlertMessage(TestIncidents.New("Chicago", s_at, speedMph: 92.5, score: 6.4) with { Severity = IncidentSeverity.Critical });

        await new SnsAlertChannel(_publisher, TopicArn).SendAsync(message, CancellationToken.None);

        var form = Assert.Single(_sns.Requests).Form;
        Assert.Equal("Publish", form["Action"]);
        Assert.Equal(TopicArn, form["TopicArn"]);
        Assert.Equal("[Critical] Wind anomaly at Chicago: 92.5 mph (score 6.4)", form["Subject"]);
        Assert.Equal(message.Text, form["Message"]);
    }

    [Fact]
    public async Task A_subject_SNS_would_refuse_is_fitted_to_100_printable_ASCII_characters()
    {
        var incident = TestIncidents.New("Chicago", s_at) with { Location = "Zürich Höhenweg " + new string('x', 120) };

        await new SnsAlertChannel(_publisher, TopicArn).SendAsync(new AlertMessage(incident), CancellationToken.None);

        var subject = Assert.Single(_sns.Requests).Form["Subject"]!;
        Assert.True(subject.Length <= 100, $"the subject has {subject.Length} characters");
        Assert.StartsWith("[Warning] Wind anomaly at Z?rich H?henweg xxx", subject);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public async Task An_SNS_error_is_thrown_with_its_code()
    {
        _sns.Respond = _ => (404, "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error></ErrorResponse>");

        var error = await Assert.ThrowsAsync<SnsException>(() =>
            new SnsAlertChannel(_publisher, TopicArn).SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None));

        Assert.Equal("NotFound", error.ErrorCode);
    }
}
