using MailKit.Security;
using MimeKit;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Email;

/// <summary>Checks the <c>Alerts:Email</c> settings at start (when the channel is enabled), naming the setting and what it must be.</summary>
public sealed class EmailChannelOptionsValidator : SettingsValidator<EmailChannelOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(EmailChannelOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when the channel is disabled.</summary>
    public static IEnumerable<string> Errors(EmailChannelOptions o)
    {
        const string p = EmailChannelOptions.Section;
        if (!o.Enabled)
            yield break;
        if (string.IsNullOrWhiteSpace(o.Host))
            yield return $"{p}:Host must name the SMTP server.";
        if (o.Port is < 1 or > 65535)
            yield return $"{p}:Port must be 1 to 65535; it is {o.Port}.";
        if (!Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out _))
            yield return $"{p}:Security must be None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect; it is '{o.Security}'.";
        if (!MailboxAddress.TryParse(o.From, out _))
            yield return $"{p}:From is not an email address: '{o.From}'.";
        if (!string.IsNullOrEmpty(o.UserName) && string.Equals(o.Security, "None", StringComparison.OrdinalIgnoreCase))
            yield return $"{p}:Security is None while {p}:UserName is set: the password would go over the wire in clear. Use StartTls or SslOnConnect.";
        if (o.To.Count == 0)
            yield return $"{p}:To must list at least one recipient.";
        foreach (var to in o.To.Where(t => !MailboxAddress.TryParse(t, out _)))
            yield return $"{p}:To has an entry that is not an email address: '{to}'.";
        foreach (var to in o.EscalationTo.Where(t => !MailboxAddress.TryParse(t, out _)))
            yield return $"{p}:EscalationTo has an entry that is not an email address: '{to}'.";
    }
}
