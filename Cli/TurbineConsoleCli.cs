using System.CommandLine;
using System.CommandLine.Invocation;
using TurbineConsole.Cli.Api;
using TurbineConsole.Cli.Commands;

namespace TurbineConsole.Cli;

/// <summary>The <c>turbineconsole</c> tool: its commands, and one entry point that parses and runs them.</summary>
public static class TurbineConsoleCli
{
    /// <summary>Name of the tool in help and usage, as Cli.csproj's ToolCommandName installs it.</summary>
    public const string ToolCommandName = "turbineconsole";

    /// <summary>
    /// The root command with every command of the tool: <c>score</c> and <c>faults</c> offline, the others through a running app's HTTP API
    /// (<c>--url</c>, a token from <c>TURBINECONSOLE_TOKEN</c> or <c>--token-file</c>); <c>--help</c> and <c>--version</c> come with it.
    /// </summary>
    public static RootCommand CreateRootCommand() =>
        new("Operator commands for TurbineConsole: offline, score a series or report which scripted faults the detector finds; or drive a running app through its API.")
        {
            HelpName = ToolCommandName,
            Subcommands =
            {
                new ScoreCommand(),
                new FaultsCommand(),
                DatasetCommands.Create(),
                ReplayCommands.Create(),
                ResultCommand.Results(),
                ResultCommand.MaxSpeed(),
                IncidentCommands.Create(),
                IncidentCommands.DeadLetters(),
                StreamCommands.Create(),
            },
            Options = { ApiConnection.Url, ApiConnection.TokenFile, ApiConnection.Json },
        };

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command, writing help and results to
    /// <paramref name="output"/> and errors to <paramref name="error"/>; returns one of <see cref="ExitCodes"/>.
    /// </summary>
    public static async Task<int> InvokeAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parsed = CreateRootCommand().Parse(args);
        if (parsed.Action is ParseErrorAction errorAction)
        {
            // The help printed under the errors lists the right names; guesses for every stray value were noise.
            errorAction.ShowTypoCorrections = false;
        }

        var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);

        // The parser reports its errors (naming the option or value) followed by the command's help, and returns 1;
        // the tool keeps 1 for work that failed and says 2 for a command line it did not understand.
        return parsed.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
