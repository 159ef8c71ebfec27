using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Email;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Email;

/// <summary>The email channel against a real SMTP server in the same process, on loopback.</summary>
public sealed class SmtpAlertChannelTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 30, 12, 34, 56, TimeSpan.Zero);

    private readonly SmtpTestServer _smtp = new();

    public Task InitializeAsync()
    {
        _smtp.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _smtp.StopAsync();

    private EmailChannelOptions Options() => new()
    {
        Enabled = true,
        Host = "127.0.0.1",
        Port = _smtp.Port,
        Security = "None",
        From = "turbineconsole@example.com",
        To = ["maintenance@example.com", "oncall@example.com"],
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task The_email_carries_the_alerts_subject_and_text_from_the_sender_to_every_recipient()
    {
        var message = new AlertMessage(TestIncidents.New("Chicago", s_at, speedMph: 92.5, score: 6.4) with { Severity = IncidentSeverity.Critical });

        await new SmtpAlertChannel(Options()).SendAsync(message, CancellationToken.None);

        var (email, _) = Assert.Single(_smtp.Received);
        Assert.Equal("[Critical] Wind anomaly at Chicago: 92.5 mph (score 6.4)", email.Subject);
        Assert.Equal(message.Subject, email.Subject);
        Assert.Equal(message.Text.ReplaceLineEndings(), email.TextBody!.TrimEnd().ReplaceLineEndings());
        Assert.Contains(AlertMessage.Advice, email.TextBody);
        Assert.Equal("turbineconsole@example.com", email.From.Mailboxes.Single().Address);
        Assert.Equal(["maintenance@example.com", "oncall@example.com"], email.To.Mailboxes.Select(m => m.Address));
    }

    [Fact]
    public async Task The_Message_Id_is_the_same_for_every_send_of_one_incident_and_differs_between_incidents()
    {
        var channel = new SmtpAlertChannel(Options());
        var incident = TestIncidents.New("Tulsa", s_at);

        await channel.SendAsync(new AlertMessage(incident), CancellationToken.None);
        await channel.SendAsync(new AlertMessage(incident with { SpeedMph = 99, MaxSpeedMph = 99 }), CancellationToken.None);
        await channel.SendAsync(new AlertMessage(TestIncidents.New("Tulsa", s_at.AddMinutes(30))), CancellationToken.None);

        var ids = _smtp.Received.Select(r => r.Message.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Matches("^[0-9a-f]{32}@turbineconsole$", ids[0]);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task The_escalation_channel_mails_only_the_escalation_recipients_with_its_own_Message_Id()
    {
        var options = Options();
        options.EscalationTo = ["supervisor@example.com"];
        var incident = TestIncidents.New("Tulsa", s_at);
        var escalation = SmtpAlertChannel.Escalation(options);

        await escalation.SendAsync(new AlertMessage(incident, AlertNotice.Escalation), CancellationToken.None);
        await new SmtpAlertChannel(options).SendAsync(new AlertMessage(incident), CancellationToken.None);

        var received = _smtp.Received.Select(r => r.Message).ToList();
        Assert.Equal(("email-escalation", "email"), (escalation.Name, new SmtpAlertChannel(options).Name));
        Assert.Equal(["supervisor@example.com"], received[0].To.Mailboxes.Select(m => m.Address));
        Assert.StartsWith("ESCALATED [Warning] Wind anomaly at Tulsa", received[0].Subject);
        Assert.StartsWith("ESCALATED: nobody has acknowledged this alert yet.", received[0].TextBody);
        Assert.Equal(["maintenance@example.com", "oncall@example.com"], received[1].To.Mailboxes.Select(m => m.Address));
        Assert.NotEqual(received[0].MessageId, received[1].MessageId);
    }

    [Fact]
    public async Task A_server_that_is_not_there_fails_the_send()
    {
        var options = Options();
        options.Port = FreePort.Next();

        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => new SmtpAlertChannel(options).SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None));

        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_user_name_without_its_password_variable_fails_naming_the_variable_and_sends_nothing()
    {
        var options = Options();
        options.UserName = "dana";
        options.PasswordEnvironmentVariable = "TURBINECONSOLE_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SmtpAlertChannel(options).SendAsync(new AlertMessage(TestIncidents.New("Casper", s_at)), CancellationToken.None));

        Assert.Contains(options.PasswordEnvironmentVariable, error.Message);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task With_a_password_and_a_server_without_TLS_no_message_is_sent_and_the_error_says_why()
    {
        var options = new EmailChannelOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = _smtp.Port,
            Security = "Auto",
            To = ["maintenance@example.com"],
            UserName = "alerts",
            PasswordEnvironmentVariable = "TURBINECONSOLE_SMTP_CREDENTIALS_TEST",
        };
        Environment.SetEnvironmentVariable(options.PasswordEnvironmentVariable, "s3cret");
        var message = new AlertMessage(TestIncidents.New("Chicago", DateTimeOffset.UtcNow));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SmtpAlertChannel(options).SendAsync(message, CancellationToken.None));

        Assert.Contains("offers no TLS", error.Message);
        Assert.Contains("Alerts:Email:Security", error.Message);
        await Task.Delay(200);
        Assert.Empty(_smtp.Received);
    }
}
