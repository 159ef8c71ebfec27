using System.Text;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>Signed webhooks, checked as a receiver would check them.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "webhook-signature-tests-secret";

    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_verifies_with_the_secret_and_fails_for_a_tampered_body_another_secret_or_an_old_timestamp()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"location":"Chicago","speedMph":97.2}""");
        string header = WebhookSignature.Sign(Secret, s_now, body);

        Assert.True(WebhookSignature.Verify(Secret, header, body, s_now.AddSeconds(30), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes("""{"location":"Chicago","speedMph":17.2}"""), s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another secret", header, body, s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, body, s_now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, "t=1,v1=00", body, s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, null, body, s_now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_receiver_verifies_every_post_even_for_a_location_whose_name_is_not_ASCII()
    {
        using var receiver = new HttpTestListener("/hooks/");
        using var http = new HttpClient();
        var options = new WebhookChannelOptions { Enabled = true, Url = receiver.Url, SecretEnvironmentVariable = "TURBINECONSOLE_WEBHOOK_SIGNATURE_TEST" };
        Environment.SetEnvironmentVariable(options.SecretEnvironmentVariable, Secret);
        var incident = TestIncidents.New("Zürich", s_now);

        await new WebhookAlertChannel(http, options).SendAsync(new AlertMessage(incident), CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header], Encoding.UTF8.GetBytes(request.Body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Equal(incident.DeliveryKey, request.Headers["Idempotency-Key"]);
        Assert.Equal("Zürich", request.Json.GetProperty("location").GetString());
    }

    [Fact]
    public async Task Without_its_secret_the_channel_fails_naming_the_variable_and_sends_nothing()
    {
        using var receiver = new HttpTestListener("/hooks/");
        using var http = new HttpClient();
        var options = new WebhookChannelOptions { Enabled = true, Url = receiver.Url, SecretEnvironmentVariable = "TURBINECONSOLE_WEBHOOK_SIGNATURE_TEST_UNSET" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new WebhookAlertChannel(http, options).SendAsync(new AlertMessage(TestIncidents.New("Chicago", s_now)), CancellationToken.None));

        Assert.Contains("TURBINECONSOLE_WEBHOOK_SIGNATURE_TEST_UNSET", error.Message);
        Assert.Empty(receiver.Requests);
    }
}
