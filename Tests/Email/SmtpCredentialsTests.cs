using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Email;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Email;

/// <summary>The SMTP password never crosses the wire in clear.</summary>
public sealed class SmtpCredentialsTests
{
    [Fact]
    public async Task With_a_password_and_a_server_without_TLS_no_message_is_sent_and_the_error_says_why()
    {
        await using var smtp = new SmtpTestServer();
        smtp.Start();
        var options = new EmailChannelOptions
        {
            Enabled = true, Host = "127.0.0.1", Port = smtp.Port, Security = "Auto", To = ["maintenance@example.com"],
            UserName = "alerts", PasswordEnvironmentVariable = "TURBINECONSOLE_SMTP_CREDENTIALS_TEST",
        };
        Environment.SetEnvironmentVariable(options.PasswordEnvironmentVariable, "s3cret");
        var message = new AlertMessage(TestIncidents.New("Chicago", DateTimeOffset.UtcNow));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SmtpAlertChannel(options).SendAsync(message, CancellationToken.None));

        Assert.Contains("offers no TLS", error.Message);
        Assert.Contains("Alerts:Email:Security", error.Message);
        await Task.Delay(200);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public void Security_None_with_a_user_name_is_refused_at_start()
    {
        var errors = EmailChannelOptionsValidator.Errors(new EmailChannelOptions { Enabled = true, Security = "None", UserName = "alerts", To = ["m@example.com"] });

        Assert.Contains(errors, e => e.StartsWith("Alerts:Email:Security is None while Alerts:Email:UserName is set", StringComparison.Ordinal));
    }
}
