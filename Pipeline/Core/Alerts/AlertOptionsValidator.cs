using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Checks the alert settings at start, naming the setting and what it must be.</summary>
public sealed class AlertOptionsValidator : SettingsValidator<AlertOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(AlertOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each.</summary>
    public static IEnumerable<string> Errors(AlertOptions o)
    {
        const string p = AlertOptions.Section;
        if (!Enum.IsDefined(o.Criterion))
            yield return $"{p}:Criterion must be Score or Grade.";
        if (!double.IsFinite(o.Threshold) || o.Threshold <= 0)
            yield return $"{p}:Threshold must be a positive number (the lab used 3); it is {o.Threshold}.";
        if (!double.IsFinite(o.MinSpeedMph) || o.MinSpeedMph < 0 || o.MinSpeedMph > 300)
            yield return $"{p}:MinSpeedMph must be 0 to 300 mph (0 alerts on every anomaly; the default 55 is where full power ends); it is {o.MinSpeedMph}.";
        if (o.IncidentGap <= TimeSpan.Zero)
            yield return $"{p}:IncidentGap must be positive, for example 00:05:00.";
        if (o.QuietPeriod <= TimeSpan.Zero)
            yield return $"{p}:QuietPeriod must be positive, for example 00:15:00.";
        if (o.Retention < TimeSpan.FromDays(1))
            yield return $"{p}:Retention must be at least 1.00:00:00 (resolved incidents are deleted that long after they were resolved), for example 30.00:00:00; it is {o.Retention}.";
        if (Tables.DynamoDbRules.TableNameError(o.Table) is { } tableError)
            yield return $"{p}:Table: {tableError}";
        foreach (var (name, table) in new[] { ("PolicyTable", o.PolicyTable), ("SilenceTable", o.SilenceTable) })
        {
            if (Tables.DynamoDbRules.TableNameError(table) is { } error)
                yield return $"{p}:{name}: {error}";
        }
        if (o.PolicyTable == o.Table || o.SilenceTable == o.Table || o.PolicyTable == o.SilenceTable)
            yield return $"{p}:Table, {p}:PolicyTable and {p}:SilenceTable must be three different tables.";
        if (o.SilenceRetention < TimeSpan.Zero)
            yield return $"{p}:SilenceRetention must be 00:00:00 or more (how long an ended silence stays listed), for example 7.00:00:00.";
        var max = TimeSpan.FromMinutes(AlertPolicy.MaxMinutes);
        if (o.Policy.EscalateAfter < TimeSpan.Zero || o.Policy.EscalateAfter > max)
            yield return $"{p}:Policy:EscalateAfter must be 00:00:00 (off) to {max}; it is {o.Policy.EscalateAfter}.";
        if (o.Policy.RenotifyEvery < TimeSpan.Zero || o.Policy.RenotifyEvery > max)
            yield return $"{p}:Policy:RenotifyEvery must be 00:00:00 (off) to {max}; it is {o.Policy.RenotifyEvery}.";
        if (o.Policy.RenotifyEvery is { } every && every > TimeSpan.Zero && every < TimeSpan.FromMinutes(AlertPolicy.MinMinutes))
            yield return $"{p}:Policy:RenotifyEvery must be at least 00:01:00 when on; it is {every}.";
        if (o.Policy.EscalateAfter > TimeSpan.Zero && o.Policy.EscalateTo.Count == 0)
            yield return $"{p}:Policy:EscalateTo must name at least one channel (for example webhook or {AlertPolicyOptions.EscalationEmailChannel}) when {p}:Policy:EscalateAfter is on.";
        if (o.Policy.CheckInterval <= TimeSpan.Zero || o.Policy.CheckInterval > TimeSpan.FromMinutes(1))
            yield return $"{p}:Policy:CheckInterval must be more than 00:00:00 and at most 00:01:00; it is {o.Policy.CheckInterval}.";
        if (o.MaxDeliveryAttempts < 1)
            yield return $"{p}:MaxDeliveryAttempts must be at least 1.";
        if (o.RetryBackoff <= TimeSpan.Zero || o.MaxRetryBackoff < o.RetryBackoff)
            yield return $"{p}:RetryBackoff must be positive and {p}:MaxRetryBackoff at least as long.";
        if (o.DeliveryClaim < TimeSpan.FromSeconds(1) || o.DeliveryClaim > TimeSpan.FromHours(1))
            yield return $"{p}:DeliveryClaim must be 00:00:01 to 01:00:00; it is {o.DeliveryClaim}.";
        if (o.Webhook.Enabled)
        {
            if (!Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
                yield return $"{p}:Webhook:Url must be an absolute https URL (http only to a loopback address such as http://127.0.0.1:8080/); it is '{o.Webhook.Url}'.";
            if (string.IsNullOrWhiteSpace(o.Webhook.SecretEnvironmentVariable) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(o.Webhook.SecretEnvironmentVariable)))
                yield return $"{p}:Webhook is enabled but its signing secret is missing: set the environment variable named by {p}:Webhook:SecretEnvironmentVariable ('{o.Webhook.SecretEnvironmentVariable}').";
        }
    }
}
