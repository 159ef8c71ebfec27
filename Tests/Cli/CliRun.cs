using TurbineConsole.Cli;

namespace TurbineConsole.Tests.Cli;

/// <summary>One in-process run of the <c>turbineconsole</c> tool, with what it wrote.</summary>
/// <param name="ExitCode">What the tool returned.</param>
/// <param name="Output">What it wrote to standard output (help, usage).</param>
/// <param name="Error">What it wrote to standard error (the errors).</param>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the tool on <paramref name="args"/> as a shell would, capturing its output and errors.</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await TurbineConsoleCli.InvokeAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
