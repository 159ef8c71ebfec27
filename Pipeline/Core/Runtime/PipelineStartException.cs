namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The pipeline cannot start for a reason an operator can fix: a folder it cannot write, a damaged database file, a
/// cloud account it cannot reach. The message names the setting or the file and what to do, and is all the operator
/// needs to see: the app prints it on one line and exits with <see cref="ExitCode"/>, without a stack trace.
/// </summary>
public class PipelineStartException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The process exit code for a start that failed this way (a bad setting exits with 2).</summary>
    public const int ExitCode = 3;
}
