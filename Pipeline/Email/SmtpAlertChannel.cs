using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Pipeline.Email;

/// <summary>
/// Emails each incident to the maintenance team over SMTP (MailKit), with a Message-Id derived from the notification;
/// as <see cref="Escalation"/>, to the escalation recipients (<see cref="EmailChannelOptions.EscalationTo"/>) instead.
/// </summary>
public sealed class SmtpAlertChannel(EmailChannelOptions options, bool escalation = false) : IAlertChannel
{
    /// <summary>The channel to the escalation recipients over the same SMTP server.</summary>
    public static SmtpAlertChannel Escalation(EmailChannelOptions options) => new(options, escalation: true);

    /// <inheritdoc />
    public string Name => escalation ? AlertPolicyOptions.EscalationEmailChannel : "email";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var email = new MimeMessage();
        email.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in escalation ? options.EscalationTo : options.To)
            email.To.Add(MailboxAddress.Parse(to));
        email.Subject = message.Subject;
        email.Body = new TextPart("plain") { Text = message.Text };
        // The same notification always gets the same Message-Id, so a mail system can recognise a repeat.
        email.MessageId = $"{message.DeliveryKey}@turbineconsole";

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), timeout.Token);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            var password = Environment.GetEnvironmentVariable(options.PasswordEnvironmentVariable)
                ?? throw new InvalidOperationException($"Alerts:Email:UserName is set but the environment variable {options.PasswordEnvironmentVariable} holding the SMTP password is not.");
            // Never a password in clear: Auto and StartTlsWhenAvailable fall back to plain text against a server without TLS.
            if (!client.IsSecure)
                throw new InvalidOperationException($"The SMTP server {options.Host}:{options.Port} offers no TLS, so the password of Alerts:Email:UserName is not sent and no email goes out. Use a server with TLS (Alerts:Email:Security StartTls or SslOnConnect), or remove Alerts:Email:UserName for a relay that needs no sign-in.");
            await client.AuthenticateAsync(options.UserName, password, timeout.Token);
        }
        await client.SendAsync(email, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }
}
