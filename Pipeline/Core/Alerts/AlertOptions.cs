using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>The <c>Alerts</c> section of appsettings.json: when a result is an anomaly, how incidents form, and the channels that need no library of their own
/// (in-app, webhook; email and SNS are bound from <c>Alerts:Email</c> and <c>Alerts:Sns</c> by their own projects).</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Alerts";

    /// <summary>Whether the alert function runs at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What makes a result an anomaly: its <c>Score</c> at or above <see cref="Threshold"/> (the lab's rule), or its <c>Grade</c> above 0.</summary>
    public AlertCriterion Criterion { get; set; } = AlertCriterion.Score;

    /// <summary>The score at or above which a result is an anomaly, compared as a number.</summary>
    public double Threshold { get; set; } = 3;

    /// <summary>
    /// An anomaly raises an alert only when its speed is at least this (mph). The lab's advice puts full power at about
    /// 30-55 mph and shutdown above 70, so a milder anomaly (a gust in ordinary wind) is not severe wind; 0 alerts on
    /// every anomaly, as the lab did.
    /// </summary>
    public double MinSpeedMph { get; set; } = 55;

    /// <summary>Anomalies of one location at most this far apart (event time) belong to the same incident.</summary>
    public TimeSpan IncidentGap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An incident with no new anomaly for this long (event time, or wall-clock time when its location falls silent) is resolved.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a resolved incident is kept after its resolution before the sweep deletes it, so the alerts table
    /// stays small. Keep it at least as long as Pipeline:Streams:Retention, so a replayed reading cannot raise a
    /// deleted incident again.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The table incidents are stored in.</summary>
    public string Table { get; set; } = "AlertsTable";

    /// <summary>The table the per-location alert policies are stored in.</summary>
    public string PolicyTable { get; set; } = "AlertPolicyTable";

    /// <summary>The table silences (maintenance windows) are stored in.</summary>
    public string SilenceTable { get; set; } = "AlertSilenceTable";

    /// <summary>How long an ended silence stays listed (visibly, as ended) before the sweep deletes it.</summary>
    public TimeSpan SilenceRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The default escalation and re-notification policy (an administrator may override it per location).</summary>
    public AlertPolicyOptions Policy { get; set; } = new();

    /// <summary>Attempts per channel before a delivery is given up as failed.</summary>
    public int MaxDeliveryAttempts { get; set; } = 20;

    /// <summary>
    /// Wait after a channel's first failure; doubled after each further one, up to <see cref="MaxRetryBackoff"/>, and each
    /// wait jittered to between half and all of that (the pipeline's one backoff, <see cref="Resilience.Backoff"/>).
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts on a failing channel.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a dispatcher's claim on the notifications it is sending holds (every worker of a cluster runs a
    /// dispatcher, and only the one whose claim was written sends). If it stops before recording the outcome, another
    /// sends them once the claim lapses: keep it longer than the slowest channel's timeout (10 s by default). Also how
    /// often each dispatcher looks for notifications whose claim lapsed.
    /// </summary>
    public TimeSpan DeliveryClaim { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The dashboard's alert list and browser notifications.</summary>
    public InAppChannelOptions InApp { get; set; } = new();

    /// <summary>A JSON POST to a chat or paging tool.</summary>
    public WebhookChannelOptions Webhook { get; set; } = new();

    /// <summary>Whether <paramref name="result"/> is an anomaly by <see cref="Criterion"/> and <see cref="Threshold"/> (the score compared as a number), whatever its speed.</summary>
    public bool IsAnomaly(AnomalyResult result) => Criterion == AlertCriterion.Grade ? result.Grade > 0 : result.Score >= Threshold;

    /// <summary>Whether <paramref name="result"/> raises an alert: an anomaly at a speed of at least <see cref="MinSpeedMph"/>.</summary>
    public bool RaisesAlert(AnomalyResult result) => IsAnomaly(result) && result.Reading.SpeedMph >= MinSpeedMph;
}
