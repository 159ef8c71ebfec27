namespace TurbineConsole.Cli;

/// <summary>Exit codes shared by every command of the tool.</summary>
public static class ExitCodes
{
    /// <summary>The command did its work.</summary>
    public const int Success = 0;

    /// <summary>The command line was understood, but the work failed (unreadable or bad input, unwritable output).</summary>
    public const int Failed = 1;

    /// <summary>The command line was not understood: unknown command or option, missing or out-of-range value.</summary>
    public const int Usage = 2;
}
