using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Posts each incident as JSON to a URL (chat and paging tools). The <c>Idempotency-Key</c> header carries the
/// incident's key, so a receiver can drop a repeat.
/// </summary>
public sealed class WebhookAlertChannel(HttpClient http, WebhookChannelOptions options) : IAlertChannel
{
    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var incident = message.Incident;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new WebhookPayload(
                $"{incident.Location}/{incident.Id}", incident.Location, incident.Turbine, incident.SpeedMph, incident.Score,
                incident.FirstSeen, incident.State.ToString(), message.Subject, message.Text, AlertMessage.Advice)),
        };
        request.Headers.Add("Idempotency-Key", $"{incident.Location}/{incident.Id}");
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
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("advice")] string Advice);
}
