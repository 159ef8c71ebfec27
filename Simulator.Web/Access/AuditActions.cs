namespace TurbineConsole.Simulator.Web.Access;

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    /// <summary>A password or single sign-on sign-in that succeeded.</summary>
    public const string SignIn = "sign-in";

    /// <summary>A sign-in with a wrong name or password, or into a locked account.</summary>
    public const string SignInFailed = "sign-in failed";

    /// <summary>A sign-out.</summary>
    public const string SignOut = "sign-out";

    /// <summary>The first administrator created through the setup link.</summary>
    public const string Setup = "first administrator";

    /// <summary>A user created by an administrator (or by single sign-on).</summary>
    public const string UserCreated = "user created";

    /// <summary>A user's role changed.</summary>
    public const string RoleChanged = "role changed";

    /// <summary>A user locked by an administrator.</summary>
    public const string UserLocked = "user locked";

    /// <summary>A user unlocked by an administrator.</summary>
    public const string UserUnlocked = "user unlocked";

    /// <summary>A personal API token created.</summary>
    public const string TokenCreated = "token created";

    /// <summary>A personal API token revoked.</summary>
    public const string TokenRevoked = "token revoked";

    /// <summary>A stream's number of open shards changed (UpdateShardCount).</summary>
    public const string ShardCountChanged = "shard count changed";

    /// <summary>A dataset started on the Simulator page.</summary>
    public const string DatasetStarted = "dataset started";

    /// <summary>A dataset stopped on the Simulator page.</summary>
    public const string DatasetStopped = "dataset stopped";

    /// <summary>A spike reading injected on the Simulator page (a training helper).</summary>
    public const string SpikeInjected = "spike injected";

    /// <summary>A malformed record sent on the Simulator page (a training helper).</summary>
    public const string MalformedSent = "malformed record sent";

    /// <summary>A recorded CSV imported for replay.</summary>
    public const string RecordingImported = "recording imported";

    /// <summary>A replay started, paused, resumed or stopped (the detail says which).</summary>
    public const string Replay = "replay";

    /// <summary>An alert acknowledged.</summary>
    public const string Acknowledged = "alert acknowledged";

    /// <summary>A location's latched alarms acknowledged on the status board (those no incident covers).</summary>
    public const string LatchAcknowledged = "latched alarm acknowledged";

    /// <summary>An alert resolved.</summary>
    public const string Resolved = "alert resolved";

    /// <summary>A comment added to an alert's timeline.</summary>
    public const string Commented = "alert commented";

    /// <summary>A silence (maintenance window) created.</summary>
    public const string SilenceCreated = "silence created";

    /// <summary>A silence ended early.</summary>
    public const string SilenceEnded = "silence ended";

    /// <summary>A location's alert policy set.</summary>
    public const string PolicySet = "alert policy set";

    /// <summary>A location's alert policy removed (it follows the default again).</summary>
    public const string PolicyRemoved = "alert policy removed";

    /// <summary>Dead letters re-driven.</summary>
    public const string Redriven = "dead letters re-driven";

    /// <summary>Dead letters deleted.</summary>
    public const string DeadLettersDeleted = "dead letters deleted";

    /// <summary>An action the user's role does not allow, refused by the server.</summary>
    public const string Refused = "refused";
}
