using System.Text;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>Webhook signatures, checked as a receiver would check them.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "webhook-signature-tests-secret";

    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_verifies_with_the_secret_and_fails_for_a_tampered_body_another_secret_or_an_old_timestamp()
    {
        var body = Encoding.UTF8.GetBytes("""{"location":"Chicago","speedMph":97.2}""");
        var header = WebhookSignature.Sign(Secret, s_now, body);

        Assert.True(WebhookSignature.Verify(Secret, header, body, s_now.AddSeconds(30), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes("""{"location":"Chicago","speedMph":17.2}"""), s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another secret", header, body, s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, body, s_now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, "t=1,v1=00", body, s_now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, null, body, s_now, TimeSpan.FromMinutes(5)));
    }
}
