using System.Text;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>The webhook channel against a real HTTP listener on loopback playing the receiver.</summary>
public sealed class WebhookAlertChannelTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 30, 12, 34, 56, TimeSpan.Zero);

    private const string SecretVariable = "TURBINECONSOLE_WEBHOOK_CHANNEL_TESTS";

    private const string Secret = "webhook-channel-tests-secret";

    private readonly HttpTestListener _receiver = new("/hooks/alerts/");
    private readonly HttpClient _http = new();

    public WebhookAlertChannelTests() => Environment.SetEnvironmentVariable(SecretVariable, Secret);

    public void Dispose()
    {
        _http.Dispose();
        _receiver.Dispose();
    }

    private WebhookAlertChannel Channel(TimeSpan? timeout = null) =>
        new(_http, new WebhookChannelOptions { Enabled = true, Url = _receiver.Url, Timeout = timeout ?? TimeSpan.FromSeconds(10), SecretEnvironmentVariable = SecretVariable });

    [Fact]
    public async Task The_incident_is_posted_as_JSON_with_what_the_team_needs()
    {
        var incident = TestIncidents.New("Chicago", s_at, speedMph: 92.5, score: 6.25);
        var message = new AlertMessage(incident);

        await Channel().SendAsync(message, CancellationToken.None);

        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var body = request.Json;
        Assert.Equal($"Chicago/{incident.Id}", body.GetProperty("incident").GetString());
        Assert.Equal("Chicago", body.GetProperty("location").GetString());
        Assert.Equal("CHI-01", body.GetProperty("turbine").GetString());
        Assert.Equal(92.5, body.GetProperty("speedMph").GetDouble());
        Assert.Equal(6.25, body.GetProperty("score").GetDouble());
        Assert.Equal(s_at, body.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("Open", body.GetProperty("state").GetString());
        Assert.Equal(message.Subject, body.GetProperty("subject").GetString());
        Assert.Equal(message.Text, body.GetProperty("text").GetString());
        Assert.Equal(AlertMessage.Advice, body.GetProperty("advice").GetString());
    }

    [Fact]
    public async Task The_Idempotency_Key_is_the_incidents_ASCII_key_and_the_same_on_every_send_of_it()
    {
        var incident = TestIncidents.New("Tulsa", s_at);
        var channel = Channel();

        await channel.SendAsync(new AlertMessage(incident), CancellationToken.None);
        await channel.SendAsync(new AlertMessage(incident with { SpeedMph = 99, State = IncidentState.Acknowledged }), CancellationToken.None);
        await channel.SendAsync(new AlertMessage(TestIncidents.New("Tulsa", s_at.AddMinutes(30))), CancellationToken.None);

        var keys = _receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(incident.DeliveryKey, keys[0]);
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(429)]
    public async Task An_answer_other_than_2xx_throws_naming_the_url_and_the_status(int status)
    {
        _receiver.Respond = _ => (status, "{}");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Channel().SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None));

        Assert.Contains(_receiver.Url, error.Message);
        Assert.Contains($"answered {status}", error.Message);
    }

    [Fact]
    public async Task A_202_answer_is_a_delivery()
    {
        _receiver.Respond = _ => (202, "");

        await Channel().SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None);

        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_fails_the_send()
    {
        _receiver.Respond = _ =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return (200, "");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Channel(TimeSpan.FromMilliseconds(200)).SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None));
    }

    [Fact]
    public async Task A_receiver_verifies_every_post_even_for_a_location_whose_name_is_not_ASCII()
    {
        var incident = TestIncidents.New("Zürich", s_at);

        await Channel().SendAsync(new AlertMessage(incident), CancellationToken.None);

        var request = Assert.Single(_receiver.Requests);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header], Encoding.UTF8.GetBytes(request.Body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header], Encoding.UTF8.GetBytes(request.Body.Replace("\"Open\"", "\"Resolved\"", StringComparison.Ordinal)), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Equal(incident.DeliveryKey, request.Headers["Idempotency-Key"]);
        Assert.Equal("Zürich", request.Json.GetProperty("location").GetString());
    }

    [Fact]
    public async Task Without_its_secret_the_channel_fails_naming_the_variable_and_sends_nothing()
    {
        var options = new WebhookChannelOptions { Enabled = true, Url = _receiver.Url, SecretEnvironmentVariable = "TURBINECONSOLE_WEBHOOK_CHANNEL_TESTS_UNSET" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new WebhookAlertChannel(_http, options).SendAsync(new AlertMessage(TestIncidents.New("Chicago", s_at)), CancellationToken.None));

        Assert.Contains("TURBINECONSOLE_WEBHOOK_CHANNEL_TESTS_UNSET", error.Message);
        Assert.Empty(_receiver.Requests);
    }
}
