using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TurbineConsole.Simulator.Web.Operations;

/// <summary>
/// The health endpoints' JSON: the overall status and, per check, its name, status, description and duration.
/// Never an exception or a stack trace; the descriptions go through System.Text.Json's default encoder, which escapes
/// markup characters, so a name from a record in an error message reaches a dashboard as text.
/// </summary>
public static class HealthResponse
{
    /// <summary>The media type written.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="report"/> to the response.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
