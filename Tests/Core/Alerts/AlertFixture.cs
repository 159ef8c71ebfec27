using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Email;
using TurbineConsole.Pipeline.Hosting;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Core.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>The whole flow plus alerting, with a real SMTP server, a webhook receiver and a stand-in for SNS on loopback.</summary>
internal sealed class AlertFixture : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private SnsPublisher? _publisher;
    private readonly TimeProvider? _clock;

    /// <summary>The webhook signing secret the fixture sets in the process environment.</summary>
    public const string WebhookSecret = "alert-fixture-webhook-secret";

    /// <summary>A fixture whose alerting runs on <paramref name="clock"/> (the system's when null).</summary>
    public AlertFixture(TimeProvider? clock = null)
    {
        _clock = clock;
        Environment.SetEnvironmentVariable(new WebhookChannelOptions().SecretEnvironmentVariable, WebhookSecret);
        Smtp.Start();
        Options = new AlertOptions
        {
            IncidentGap = TimeSpan.FromSeconds(60),
            QuietPeriod = TimeSpan.FromHours(1),
            RetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(500),
            Webhook = new WebhookChannelOptions { Enabled = true, Url = Webhook.Url },
        };
        Email = new EmailChannelOptions { Enabled = true, Host = "127.0.0.1", Port = Smtp.Port, Security = "None", To = ["maintenance@example.com"] };
        Sns.ResponseContentType = "text/xml";
        Sns.Respond = _ => (200, $"<PublishResponse><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult></PublishResponse>");
    }

    public PipelineFixture Flow { get; } = PipelineFixture.Create();

    public SmtpTestServer Smtp { get; } = new();

    public HttpTestListener Webhook { get; } = new("/hooks/alerts/");

    /// <summary>Plays SNS: every Publish request is recorded (needs the AWS collection's fake credentials).</summary>
    public HttpTestListener Sns { get; } = new();

    public InAppAlertChannel InApp { get; } = new();

    public AlertOptions Options { get; }

    public EmailChannelOptions Email { get; }

    public SnsChannelOptions SnsTopic { get; } = new() { Enabled = true, TopicArn = "arn:aws:sns:us-east-1:123456789012:WindAlerts" };

    public AlertPipeline? Alerts { get; private set; }

    /// <summary>Opens the backend, creates what is missing, and starts the flow and the alerting.</summary>
    public async Task StartAsync()
    {
        var backend = await Flow.OpenAsync();
        _publisher ??= new SnsPublisher(new AwsOptions { SnsServiceUrl = Sns.Url, Region = "us-east-1", RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        Alerts = new AlertPipeline(backend, Flow.Options, Options, AlertChannels.Create(Options, _http, InApp, Email, SnsTopic, _publisher), Flow.Logs, _clock);
        await Alerts.StartAsync();
        await Flow.StartAsync();
    }

    /// <summary>Stops everything where it is, as a crash would.</summary>
    public async Task CrashAsync()
    {
        await Alerts!.DisposeAsync();
        Alerts = null;
        await Flow.CrashAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}. Log:\n{string.Join("\n", Flow.Logs.Lines.TakeLast(20))}");
            await Task.Delay(50);
        }
    }

    /// <summary>True once no incident has a notification outstanding.</summary>
    public async Task<bool> DeliveriesSettledAsync() =>
        (await Alerts!.Store.ListAsync(int.MaxValue)).All(i => !i.HasOutstandingDeliveries);

    public async ValueTask DisposeAsync()
    {
        if (Alerts is not null)
            await Alerts.DisposeAsync();
        await Flow.DisposeAsync();
        await Smtp.DisposeAsync();
        Webhook.Dispose();
        Sns.Dispose();
        _publisher?.Dispose();
        _http.Dispose();
    }
}
