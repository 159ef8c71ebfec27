using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Posts each incident as JSON to a URL (chat and paging tools), signed with <see cref="WebhookSignature"/>. Headers
/// carry only ASCII: the <c>Idempotency-Key</c> is the notification's <see cref="AlertMessage.DeliveryKey"/> (the incident's
/// <see cref="Incident.DeliveryKey"/> for its first one), so a receiver can drop a repeat whatever letters the location's name has.
/// </summary>
public sealed class WebhookAlertChannel(HttpClient http, WebhookChannelOptions options, TimeProvider? timeProvider = null) : IAlertChannel
{
    /// <summary>Clock of the signature's timestamp.</summary>
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var secret = Environment.GetEnvironmentVariable(options.SecretEnvironmentVariable);
        if (string.IsNullOrEmpty(secret))
            throw new InvalidOperationException($"The webhook signing secret is missing: set the environment variable {options.SecretEnvironmentVariable} (named by Alerts:Webhook:SecretEnvironmentVariable).");
        var incident = message.Incident;
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookPayload(
            $"{incident.Location}/{incident.Id}", incident.Location, incident.Turbine, incident.SpeedMph, incident.Score,
            incident.FirstSeen, incident.State.ToString(), incident.Severity.ToString(), message.Notice.ToString(), message.Subject, message.Text, AlertMessage.Advice));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", message.DeliveryKey);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, _time.GetUtcNow(), body));
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Webhook {options.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    /// <summary>The JSON body.</summary>
    private sealed record WebhookPayload(
        [property: JsonPropertyName("incident")] string Incident,
        [property: JsonPropertyName("location")] string Location,
        [property: JsonPropertyName("turbine")] string Turbine,
        [property: JsonPropertyName("speedMph")] double SpeedMph,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("severity")] string Severity,
        [property: JsonPropertyName("notice")] string Notice,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("advice")] string Advice);
}
