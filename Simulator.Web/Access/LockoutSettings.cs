namespace TurbineConsole.Simulator.Web.Access;

/// <summary>The <c>Access:Lockout</c> settings: how many wrong passwords lock an account, and for how long.</summary>
public sealed class LockoutSettings
{
    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long the account stays locked (an administrator can unlock it sooner).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
